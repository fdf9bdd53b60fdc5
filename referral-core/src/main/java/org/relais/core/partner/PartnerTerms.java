package org.relais.core.partner;

import org.relais.core.api.AgreementTerms;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.PartnerStatus;

/** A partner as the transfer gate needs it at command time; {@code agreement} is null before one is signed. */
public record PartnerTerms(String partnerId, PartnerKind kind, PartnerStatus status, AgreementTerms agreement) {
}
