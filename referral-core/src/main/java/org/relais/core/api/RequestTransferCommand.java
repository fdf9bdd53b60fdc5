package org.relais.core.api;

import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A coordinator hands the case to one partner for one purpose, sharing only the named personal-data fields. */
public record RequestTransferCommand(@TargetAggregateIdentifier String referralId,
                                     String transferId,
                                     String partnerId,
                                     TransferPurpose purpose,
                                     LegalBasis legalBasis,
                                     Set<ShareableField> sharedFields,
                                     String message) {

    public RequestTransferCommand {
        sharedFields = EnumSets.copyOf(sharedFields, ShareableField.class);
    }

    @Override
    public String toString() {
        return "RequestTransferCommand[referralId=" + referralId + ", transferId=" + transferId + ", partnerId="
                + partnerId + ", purpose=" + purpose + ", legalBasis=" + legalBasis + ", sharedFields="
                + sharedFields + "]";
    }
}
