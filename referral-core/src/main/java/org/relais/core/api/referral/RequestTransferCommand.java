package org.relais.core.api.referral;

import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.relais.core.api.EnumSets;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferPurpose;

/**
 * A coordinator hands the case to one partner for one purpose, sharing only the named personal-data fields. A content
 * removal names the {@code hostingService} its notices are addressed to (defaulted to the partner when the partner is
 * an online platform).
 */
public record RequestTransferCommand(@TargetAggregateIdentifier String referralId,
                                     String transferId,
                                     String partnerId,
                                     TransferPurpose purpose,
                                     LegalBasis legalBasis,
                                     Set<ShareableField> sharedFields,
                                     String message,
                                     HostingService hostingService) {

    public RequestTransferCommand {
        sharedFields = EnumSets.copyOf(sharedFields, ShareableField.class);
    }

    /** A request that names no hosting service: any purpose but content removal, or a platform partner's own. */
    public RequestTransferCommand(String referralId, String transferId, String partnerId, TransferPurpose purpose,
                                  LegalBasis legalBasis, Set<ShareableField> sharedFields, String message) {
        this(referralId, transferId, partnerId, purpose, legalBasis, sharedFields, message, null);
    }

    @Override
    public String toString() {
        return "RequestTransferCommand[referralId=" + referralId + ", transferId=" + transferId + ", partnerId="
                + partnerId + ", purpose=" + purpose + ", legalBasis=" + legalBasis + ", sharedFields="
                + sharedFields + ", hostingService=" + hostingService + "]";
    }
}
