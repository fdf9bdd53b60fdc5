package org.relais.core.referral;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.relais.core.referral.Rejections.require;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;
import org.relais.core.api.referral.ConversationSide;
import org.relais.core.api.referral.DeadlineRescheduleReason;
import org.relais.core.api.referral.DeadlineRescheduledEvent;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.NoticeOutcomeRecordedEvent;
import org.relais.core.api.referral.RecordNoticeOutcomeCommand;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.referral.SealedTextFields;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferMessagePostedEvent;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferReroutedEvent;
import org.relais.core.api.referral.TransferState;
import org.relais.core.partner.PartnerTerms;
import org.relais.core.privacy.PersonalDataProtector;

/**
 * One hand-over of the case to one partner for one purpose, and its state machine:
 * REQUESTED → ACKNOWLEDGED → ACCEPTED → COMPLETED; REQUESTED/ACKNOWLEDGED → DECLINED;
 * REQUESTED/ACKNOWLEDGED/ACCEPTED → CANCELLED. Who may drive it is checked by the referral before it gets here.
 */
class Transfer {

    /** The past participle of each transition's verb, for the English message of a refused one. */
    private static final Map<String, String> PAST = Map.of("acknowledge", "acknowledged",
            "accept", "accepted", "decline", "declined", "complete", "completed", "cancel", "cancelled");

    @EntityId
    private final String transferId;
    private final String referralId;
    private final String partnerId;
    private final TransferPurpose purpose;
    private final LegalBasis legalBasis;
    private final Set<ShareableField> sharedFields;
    /** When the transfer was requested (its event's time): the anchor a deadline is recomputed from. */
    private final Instant requestedAt;
    private final Duration sla;
    /** The current acknowledgement deadline; null while paused. */
    private Instant deadline;
    private boolean paused;
    /** The last resumption, null if never paused: from then on the deadline is {@code openTimeLeft} of open time. */
    private Instant resumedAt;
    private Duration openTimeLeft;
    private TransferState state;
    private boolean acknowledged;
    private boolean overdue;
    private boolean consentWithdrawn;
    /** The transfer that replaced this one after it was declined or cancelled, null if none. */
    private String reroutedTo;
    private final HostingService hostingService;
    /** Content removals stored before notices were counted (revision 1) count as one notice. */
    private final int noticeCount;
    private final Set<Integer> answeredNotices = new TreeSet<>();

    Transfer(TransferRequestedEvent event, Instant requestedAt) {
        this.requestedAt = requestedAt;
        this.sla = event.sla();
        this.hostingService = event.hostingService();
        this.noticeCount = event.noticeCount() != null ? event.noticeCount()
                : event.purpose() == TransferPurpose.CONTENT_REMOVAL ? 1 : 0;
        this.transferId = event.transferId();
        this.referralId = event.referralId();
        this.partnerId = event.partnerId();
        this.purpose = event.purpose();
        this.legalBasis = event.legalBasis();
        this.sharedFields = event.sharedFields();
        this.deadline = event.deadline();
        this.state = TransferState.REQUESTED;
    }

    void acknowledge() {
        if (acknowledged) {
            throw RuleViolationException.of(ErrorCode.TRANSFER_ALREADY_ACKNOWLEDGED,
                    "The transfer was already acknowledged.");
        }
        requireState(state == TransferState.REQUESTED, "acknowledge");
        apply(new TransferAcknowledgedEvent(referralId, transferId, partnerId, overdue));
    }

    void accept() {
        requireState(state == TransferState.ACKNOWLEDGED, "accept");
        apply(new TransferAcceptedEvent(referralId, transferId, partnerId));
    }

    /**
     * Seals the texts of one transfer, bound to it: a text copied to another transfer of the same case (in a read
     * model, say) does not open there.
     */
    static Sealer sealer(PersonalDataProtector protector, String referralId, String transferId) {
        return (field, value) -> value == null ? null
                : protector.sealTransferText(referralId, transferId, field, value);
    }

    private Sealer sealer(PersonalDataProtector protector) {
        return sealer(protector, referralId, transferId);
    }

    void decline(String reason, PersonalDataProtector protector) {
        require(!Rejections.isBlank(reason), ErrorCode.REASON_REQUIRED, "A decline needs a reason.");
        requireState(isAwaitingAnswer(), "decline");
        apply(new TransferDeclinedEvent(referralId, transferId, partnerId,
                sealer(protector).seal(SealedTextFields.DECLINE_REASON, reason)));
    }

    void complete(TransferOutcome outcome, String statementOfReasons, String note, PersonalDataProtector protector) {
        Sealer sealer = sealer(protector);
        CompletionPolicy.check(purpose, outcome, statementOfReasons);
        requireState(state == TransferState.ACCEPTED, "complete");
        apply(new TransferCompletedEvent(referralId, transferId, partnerId, outcome,
                sealer.seal(SealedTextFields.STATEMENT_OF_REASONS, blankToNull(statementOfReasons)),
                sealer.seal(SealedTextFields.COMPLETION_NOTE, blankToNull(note))));
    }

    void cancel(String reason, PersonalDataProtector protector) {
        require(!Rejections.isBlank(reason), ErrorCode.REASON_REQUIRED, "A cancellation needs a reason.");
        requireState(isActive(), "cancel");
        apply(new TransferCancelledEvent(referralId, transferId, partnerId,
                sealer(protector).seal(SealedTextFields.CANCELLATION_REASON, reason)));
    }

    void postMessage(String messageId, ConversationSide side, String text, PersonalDataProtector protector) {
        apply(new TransferMessagePostedEvent(referralId, transferId, partnerId, messageId, side,
                sealer(protector).seal(SealedTextFields.CONVERSATION_MESSAGE, text)));
    }

    void recordNoticeOutcome(RecordNoticeOutcomeCommand command, Instant now) {
        Instant actedAt = command.actedAt() != null ? command.actedAt() : now;
        NoticeOutcomePolicy.check(command, purpose, state, noticeCount, answeredNotices, requestedAt, actedAt, now);
        apply(new NoticeOutcomeRecordedEvent(referralId, transferId, partnerId, command.noticeIndex(),
                command.outcome(), actedAt, blankToNull(command.statementOfReasons()) == null ? null
                        : command.statementOfReasons().strip()));
    }

    @EventSourcingHandler
    void on(NoticeOutcomeRecordedEvent event) {
        answeredNotices.add(event.noticeIndex());
    }

    HostingService hostingService() {
        return hostingService;
    }

    void markOverdue() {
        apply(new TransferAcknowledgementOverdueEvent(referralId, transferId, partnerId, deadline));
    }

    /**
     * Brings the acknowledgement deadline in line with the partner as it stands now; a change that is not needed
     * (the transfer was answered or flagged overdue, the pause already recorded, the partner's status changed
     * again since, a recomputation that lands on the same instant) records nothing, so the command is safe to
     * repeat and to receive late or out of order. See {@link DeadlinePolicy}.
     */
    void rescheduleDeadline(DeadlineRescheduleReason reason, PartnerTerms partner, Instant now) {
        DeadlineRescheduledEvent change = DeadlinePolicy.change(this, reason, partner, now);
        if (change != null) {
            apply(change);
        }
    }

    @EventSourcingHandler
    void on(DeadlineRescheduledEvent event, @Timestamp Instant at) {
        deadline = event.deadline();
        paused = event.reason() == DeadlineRescheduleReason.SUSPENDED;
        if (event.reason() == DeadlineRescheduleReason.SUSPENDED) {
            openTimeLeft = event.openTimeLeft();
        } else if (event.reason() == DeadlineRescheduleReason.RESUMED) {
            resumedAt = at;
            openTimeLeft = event.openTimeLeft();
        }
    }

    @EventSourcingHandler
    void on(TransferAcknowledgedEvent event) {
        state = TransferState.ACKNOWLEDGED;
        acknowledged = true;
        overdue = false;
    }

    @EventSourcingHandler
    void on(TransferAcceptedEvent event) {
        state = TransferState.ACCEPTED;
    }

    @EventSourcingHandler
    void on(TransferDeclinedEvent event) {
        state = TransferState.DECLINED;
    }

    @EventSourcingHandler
    void on(TransferCompletedEvent event) {
        state = TransferState.COMPLETED;
    }

    @EventSourcingHandler
    void on(TransferCancelledEvent event) {
        state = TransferState.CANCELLED;
    }

    @EventSourcingHandler
    void on(TransferAcknowledgementOverdueEvent event) {
        overdue = true;
    }

    @EventSourcingHandler
    void on(TransferReroutedEvent event) {
        reroutedTo = event.reroutedTo();
    }

    /** Consent was withdrawn while this transfer rested on it: it no longer opens anything to the partner. */
    void consentWithdrawn() {
        if (legalBasis == LegalBasis.CONSENT) {
            consentWithdrawn = true;
        }
    }

    boolean isConsentWithdrawn() {
        return consentWithdrawn;
    }

    /** Waiting for the partner to accept or decline: this blocks closing the case. */
    boolean isAwaitingAnswer() {
        return state == TransferState.REQUESTED || state == TransferState.ACKNOWLEDGED;
    }

    /** Open or accepted: the case is in progress with this partner. */
    boolean isActive() {
        return isAwaitingAnswer() || state == TransferState.ACCEPTED;
    }

    boolean isFor(String partnerId, TransferPurpose purpose) {
        return this.partnerId.equals(partnerId) && this.purpose == purpose;
    }

    String partnerId() {
        return partnerId;
    }

    TransferPurpose purpose() {
        return purpose;
    }

    LegalBasis legalBasis() {
        return legalBasis;
    }

    Set<ShareableField> sharedFields() {
        return sharedFields;
    }

    boolean isRerouted() {
        return reroutedTo != null;
    }

    TransferState state() {
        return state;
    }

    Instant deadline() {
        return deadline;
    }

    String referralId() {
        return referralId;
    }

    String transferId() {
        return transferId;
    }

    Instant requestedAt() {
        return requestedAt;
    }

    Duration sla() {
        return sla;
    }

    boolean isPaused() {
        return paused;
    }

    Instant resumedAt() {
        return resumedAt;
    }

    Duration openTimeLeft() {
        return openTimeLeft;
    }

    boolean isOverdue() {
        return overdue;
    }

    /**
     * Equal when in the same state: the test fixture compares the aggregate built by the command with the one
     * sourced from its events, and an entity without value equality would always look different.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Transfer that
                && transferId.equals(that.transferId)
                && referralId.equals(that.referralId)
                && partnerId.equals(that.partnerId)
                && purpose == that.purpose
                && legalBasis == that.legalBasis
                && Objects.equals(sharedFields, that.sharedFields)
                && Objects.equals(reroutedTo, that.reroutedTo)
                && Objects.equals(deadline, that.deadline)
                && Objects.equals(hostingService, that.hostingService)
                && noticeCount == that.noticeCount
                && answeredNotices.equals(that.answeredNotices)
                && paused == that.paused
                && Objects.equals(openTimeLeft, that.openTimeLeft)
                && state == that.state
                && acknowledged == that.acknowledged
                && overdue == that.overdue
                && consentWithdrawn == that.consentWithdrawn;
    }

    @Override
    public int hashCode() {
        return transferId.hashCode();
    }

    /** {@code transition} is the verb of the refused change ("complete"), the reason a client's text is chosen by. */
    private void requireState(boolean allowed, String transition) {
        if (!allowed) {
            throw RuleViolationException.of(ErrorCode.TRANSFER_STATE_INVALID, "A transfer that is "
                    + state.name().toLowerCase(Locale.ROOT) + " cannot be " + PAST.get(transition) + ".")
                    .because(transition, state);
        }
    }

    private static String blankToNull(String value) {
        return Rejections.isBlank(value) ? null : value;
    }
}
