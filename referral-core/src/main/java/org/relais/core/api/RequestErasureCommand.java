package org.relais.core.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks for the personal data of a case to be erased (retention expiry or a data-subject request). */
public record RequestErasureCommand(@TargetAggregateIdentifier String referralId, String reason) {

    @Override
    public String toString() {
        return "RequestErasureCommand[referralId=" + referralId + "]";
    }
}
