package org.relais.core.api.referral;

import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.relais.core.api.EnumSets;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferPurpose;

/**
 * A coordinator sends a case on after a partner declined it (or the transfer was cancelled): a new transfer
 * {@code newTransferId}, through the same gate as any request, linked to the one it replaces ({@code transferId}).
 * A null {@code purpose}, {@code legalBasis} or {@code sharedFields} keeps the replaced transfer's; the message is
 * never copied (it was sealed for the replaced transfer only). A null {@code hostingService} keeps the replaced
 * transfer's when the purpose stays a content removal.
 */
public record RerouteTransferCommand(@TargetAggregateIdentifier String referralId,
                                     String transferId,
                                     String newTransferId,
                                     String partnerId,
                                     TransferPurpose purpose,
                                     LegalBasis legalBasis,
                                     Set<ShareableField> sharedFields,
                                     String message,
                                     HostingService hostingService) {

    public RerouteTransferCommand {
        sharedFields = sharedFields == null ? null : EnumSets.copyOf(sharedFields, ShareableField.class);
    }

    /** A re-route that keeps the replaced transfer's hosting service, if any. */
    public RerouteTransferCommand(String referralId, String transferId, String newTransferId, String partnerId,
                                  TransferPurpose purpose, LegalBasis legalBasis, Set<ShareableField> sharedFields,
                                  String message) {
        this(referralId, transferId, newTransferId, partnerId, purpose, legalBasis, sharedFields, message, null);
    }

    @Override
    public String toString() {
        return "RerouteTransferCommand[referralId=" + referralId + ", transferId=" + transferId + ", newTransferId="
                + newTransferId + ", partnerId=" + partnerId + ", purpose=" + purpose + ", legalBasis=" + legalBasis
                + ", sharedFields=" + sharedFields + ", hostingService=" + hostingService + "]";
    }
}
