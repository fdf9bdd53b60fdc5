package org.relais.core.api.query;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.relais.core.api.EnumSets;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.referral.SealedTextFields;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferState;

/**
 * A transfer as the case detail shows it. Free texts stay sealed (open them with the referral's subject key, this
 * transfer's id and the field names of {@link SealedTextFields}); {@code sharedFields} is what the partner was
 * allowed to see; {@code consentWithdrawn}: the transfer rested on consent, withdrawn since, and no longer opens
 * anything to the partner; {@code reroutedFrom} and {@code reroutedTo}: the transfer this one replaced after it came to
 * nothing, and the one that replaced it (null if none), so that a re-routed case reads as one thread. A content
 * removal names its {@code hostingService} and carries {@code noticeCount} notices, one per content URL, with the
 * hosting service's {@code noticeAnswers} recorded so far (by index, never by URL); the first two are null for other
 * purposes, and for removals stored before they were recorded.
 */
public record TransferView(String transferId,
                           String partnerId,
                           PartnerKind partnerKind,
                           TransferPurpose purpose,
                           LegalBasis legalBasis,
                           TransferState state,
                           Set<ShareableField> sharedFields,
                           String sealedMessage,
                           Instant requestedAt,
                           Instant deadline,
                           boolean overdue,
                           boolean wasOverdue,
                           Instant acknowledgedAt,
                           Instant acceptedAt,
                           Instant endedAt,
                           TransferOutcome outcome,
                           String sealedReason,
                           String sealedNote,
                           boolean consentWithdrawn,
                           String reroutedFrom,
                           String reroutedTo,
                           HostingService hostingService,
                           Integer noticeCount,
                           List<NoticeAnswerView> noticeAnswers) {

    public TransferView {
        sharedFields = EnumSets.copyOf(sharedFields, ShareableField.class);
        noticeAnswers = noticeAnswers == null ? List.of() : List.copyOf(noticeAnswers);
    }

    /** A transfer that sends no notice (any purpose but content removal). */
    public TransferView(String transferId, String partnerId, PartnerKind partnerKind, TransferPurpose purpose,
                        LegalBasis legalBasis, TransferState state, Set<ShareableField> sharedFields,
                        String sealedMessage, Instant requestedAt, Instant deadline, boolean overdue,
                        boolean wasOverdue, Instant acknowledgedAt, Instant acceptedAt, Instant endedAt,
                        TransferOutcome outcome, String sealedReason, String sealedNote, boolean consentWithdrawn,
                        String reroutedFrom, String reroutedTo) {
        this(transferId, partnerId, partnerKind, purpose, legalBasis, state, sharedFields, sealedMessage, requestedAt,
                deadline, overdue, wasOverdue, acknowledgedAt, acceptedAt, endedAt, outcome, sealedReason, sealedNote,
                consentWithdrawn, reroutedFrom, reroutedTo, null, null, List.of());
    }

    /** A transfer neither re-routed nor replacing another. */
    public TransferView(String transferId, String partnerId, PartnerKind partnerKind, TransferPurpose purpose,
                        LegalBasis legalBasis, TransferState state, Set<ShareableField> sharedFields,
                        String sealedMessage, Instant requestedAt, Instant deadline, boolean overdue,
                        boolean wasOverdue, Instant acknowledgedAt, Instant acceptedAt, Instant endedAt,
                        TransferOutcome outcome, String sealedReason, String sealedNote, boolean consentWithdrawn) {
        this(transferId, partnerId, partnerKind, purpose, legalBasis, state, sharedFields, sealedMessage, requestedAt,
                deadline, overdue, wasOverdue, acknowledgedAt, acceptedAt, endedAt, outcome, sealedReason, sealedNote,
                consentWithdrawn, null, null, null, null, List.of());
    }
}
