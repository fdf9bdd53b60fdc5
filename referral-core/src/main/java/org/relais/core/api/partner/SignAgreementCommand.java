package org.relais.core.api.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records the first agreement signed with a partner; later changes are amendments. */
public record SignAgreementCommand(@TargetAggregateIdentifier String partnerId, AgreementTerms terms) {
}
