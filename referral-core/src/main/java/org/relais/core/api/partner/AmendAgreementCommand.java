package org.relais.core.api.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the terms of a partner's agreement as a whole, so each event holds the complete terms in force. */
public record AmendAgreementCommand(@TargetAggregateIdentifier String partnerId, AgreementTerms terms) {
}
