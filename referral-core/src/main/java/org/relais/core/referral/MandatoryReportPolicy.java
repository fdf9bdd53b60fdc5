package org.relais.core.referral;

import static org.relais.core.referral.Rejections.require;

import java.util.EnumSet;
import java.util.Set;

import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.referral.RiskLevel;

/**
 * The law obliges professionals to report a minor in danger, or any immediate danger, to the police, the
 * prosecutor or the departmental child-protection unit, with or without consent; nothing else is a mandatory report.
 */
final class MandatoryReportPolicy {

    private static final Set<PartnerKind> AUTHORITIES =
            EnumSet.of(PartnerKind.POLICE, PartnerKind.PROSECUTOR, PartnerKind.CHILD_PROTECTION_UNIT);

    private MandatoryReportPolicy() {
    }

    static void check(PartnerKind partnerKind, AgeBand ageBand, RiskLevel riskLevel) {
        require(AUTHORITIES.contains(partnerKind), ErrorCode.MANDATORY_REPORT_PARTNER_KIND,
                "A mandatory report goes only to the police, the prosecutor or the child-protection unit.");
        require((ageBand != null && ageBand.isMinor()) || riskLevel == RiskLevel.IMMEDIATE_DANGER,
                ErrorCode.MANDATORY_REPORT_NOT_JUSTIFIED,
                "A mandatory report needs a minor victim or an immediate danger.");
    }
}
