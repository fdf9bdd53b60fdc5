package org.relais.core.referral;

import static org.relais.core.referral.Rejections.require;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.Category;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.partner.PartnerStatus;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferPurpose;
import org.relais.core.partner.PartnerTerms;

/**
 * Who may receive a transfer: an active partner whose agreement is in force on the day of the request (in the
 * partner's own time zone, since that is where the agreement's dates were signed), covers at least one of the
 * case's categories and the purpose, and allows every field shared.
 */
final class TransferGatePolicy {

    private TransferGatePolicy() {
    }

    static PartnerTerms check(Optional<PartnerTerms> found,
                              Set<Category> referralCategories,
                              TransferPurpose purpose,
                              Set<ShareableField> sharedFields,
                              Instant now) {
        require(found.isPresent(), ErrorCode.PARTNER_NOT_FOUND, "No partner with this id.");
        PartnerTerms partner = found.get();
        require(partner.status() == PartnerStatus.ACTIVE, ErrorCode.PARTNER_NOT_ACTIVE,
                "The partner is not active.");
        AgreementTerms agreement = partner.agreement();
        require(agreement != null, ErrorCode.AGREEMENT_MISSING, "The partner has no agreement.");
        require(agreement.inForceAt(now), ErrorCode.AGREEMENT_NOT_IN_FORCE,
                "The partner's agreement is not in force today.");
        require(agreement.coversAnyOf(referralCategories),
                ErrorCode.AGREEMENT_CATEGORY_NOT_COVERED,
                "The partner's agreement covers none of the referral's categories.");
        require(agreement.purposes().contains(purpose), ErrorCode.AGREEMENT_PURPOSE_NOT_COVERED,
                "The partner's agreement does not cover this purpose.");
        for (ShareableField field : sharedFields) {
            if (!agreement.shareableFields().contains(field)) {
                throw RuleViolationException.of(ErrorCode.AGREEMENT_FIELD_NOT_ALLOWED,
                        "The partner's agreement does not allow sharing " + field.jsonName() + ".")
                        .because("field", field).at("/sharedFields");
            }
        }
        return partner;
    }
}
