package org.relais.core.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.axonframework.serialization.Revision;

/**
 * A case was handed to a partner. {@code partnerKind}, {@code deadline} and {@code sla} are copied from the partner's
 * terms at request time, so the history shows what applied then even after the agreement changes. {@code message} is
 * sealed ({@link SealedTextFields#TRANSFER_MESSAGE}), null when none was written.
 */
@Revision("1")
public record TransferRequestedEvent(String referralId,
                                     String transferId,
                                     String partnerId,
                                     PartnerKind partnerKind,
                                     TransferPurpose purpose,
                                     LegalBasis legalBasis,
                                     Set<ShareableField> sharedFields,
                                     String message,
                                     Instant deadline,
                                     Duration sla) {

    public TransferRequestedEvent {
        sharedFields = EnumSets.copyOf(sharedFields, ShareableField.class);
    }
}
