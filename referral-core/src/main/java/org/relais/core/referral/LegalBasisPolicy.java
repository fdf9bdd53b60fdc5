package org.relais.core.referral;

import static org.relais.core.referral.Rejections.require;

import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.referral.RiskLevel;

/**
 * On what ground personal data leaves the service. A CONSENT transfer needs consent on record. A MANDATORY_REPORT
 * stands on the law alone, so it is judged the same whether consent was given or not: the coordinator chooses the
 * basis that is true, and a report the law demands must say so even when the victim also agreed.
 */
final class LegalBasisPolicy {

    private LegalBasisPolicy() {
    }

    static void check(LegalBasis basis, boolean consentGiven, PartnerKind partnerKind, AgeBand ageBand,
                      RiskLevel riskLevel) {
        if (basis == LegalBasis.MANDATORY_REPORT) {
            MandatoryReportPolicy.check(partnerKind, ageBand, riskLevel);
        } else {
            require(consentGiven, ErrorCode.CONSENT_REQUIRED,
                    "Without consent only a mandatory report can be transferred.");
        }
    }
}
