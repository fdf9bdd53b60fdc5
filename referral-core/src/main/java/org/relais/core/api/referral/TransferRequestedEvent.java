package org.relais.core.api.referral;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.axonframework.serialization.Revision;
import org.relais.core.api.EnumSets;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferPurpose;

/**
 * A case was handed to a partner. {@code partnerKind}, {@code deadline} and {@code sla} are copied from the partner's
 * terms at request time, so the history shows what applied then even after the agreement changes. {@code message} is
 * sealed ({@link SealedTextFields#TRANSFER_MESSAGE}), null when none was written. A content removal names its
 * {@code hostingService} and sends {@code noticeCount} notices, one per content URL shared (one when none is); both
 * are null for other purposes, and for content removals stored at revision 1, before they were recorded.
 */
@Revision("2")
public record TransferRequestedEvent(String referralId,
                                     String transferId,
                                     String partnerId,
                                     PartnerKind partnerKind,
                                     TransferPurpose purpose,
                                     LegalBasis legalBasis,
                                     Set<ShareableField> sharedFields,
                                     String message,
                                     Instant deadline,
                                     Duration sla,
                                     HostingService hostingService,
                                     Integer noticeCount) {

    public TransferRequestedEvent {
        sharedFields = EnumSets.copyOf(sharedFields, ShareableField.class);
    }

    /** A request for any purpose but content removal, which names no hosting service and sends no notice. */
    public TransferRequestedEvent(String referralId, String transferId, String partnerId, PartnerKind partnerKind,
                                  TransferPurpose purpose, LegalBasis legalBasis, Set<ShareableField> sharedFields,
                                  String message, Instant deadline, Duration sla) {
        this(referralId, transferId, partnerId, partnerKind, purpose, legalBasis, sharedFields, message, deadline, sla,
                null, null);
    }
}
