package org.relais.core.api.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A liaison of the addressed partner reports what came of an accepted transfer. */
public record CompleteTransferCommand(@TargetAggregateIdentifier String referralId,
                                      String transferId,
                                      TransferOutcome outcome,
                                      String statementOfReasons,
                                      String note) {

    @Override
    public String toString() {
        return "CompleteTransferCommand[referralId=" + referralId + ", transferId=" + transferId + ", outcome="
                + outcome + "]";
    }
}
