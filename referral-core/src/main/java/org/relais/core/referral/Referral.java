package org.relais.core.referral;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.relais.core.referral.Rejections.isBlank;
import static org.relais.core.referral.Rejections.require;

import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.ForwardMatchingInstances;
import org.relais.core.access.LiaisonReach;
import org.relais.core.api.referral.AcceptTransferCommand;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.referral.AddNoteCommand;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.referral.AssignCoordinatorCommand;
import org.relais.core.api.referral.CancelTransferCommand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.CloseReferralCommand;
import org.relais.core.api.CommandResult;
import org.relais.core.api.referral.CompleteTransferCommand;
import org.relais.core.api.referral.ConsentGivenEvent;
import org.relais.core.api.referral.ConsentWithdrawnEvent;
import org.relais.core.api.referral.ConversationSide;
import org.relais.core.api.referral.CoordinatorAssignedEvent;
import org.relais.core.api.referral.DeclineTransferCommand;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.GiveConsentCommand;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.referral.MarkTransferOverdueCommand;
import org.relais.core.api.referral.NoteAddedEvent;
import org.relais.core.api.referral.PostTransferMessageCommand;
import org.relais.core.api.referral.PersonalDataRectifiedEvent;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.ReceiveReferralCommand;
import org.relais.core.api.referral.RecordNoticeOutcomeCommand;
import org.relais.core.api.referral.RectifyPersonalDataCommand;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralErasureRequestedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.referral.ReopenReferralCommand;
import org.relais.core.api.referral.RequestErasureCommand;
import org.relais.core.api.referral.RequestTransferCommand;
import org.relais.core.api.referral.RerouteTransferCommand;
import org.relais.core.api.referral.RescheduleDeadlineCommand;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.referral.SealedPersonalDetails;
import org.relais.core.api.referral.SealedTextFields;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferReroutedEvent;
import org.relais.core.api.referral.TransferState;
import org.relais.core.api.referral.TriageReferralCommand;
import org.relais.core.api.referral.WithdrawConsentCommand;
import org.relais.core.partner.DeadlineCalendar;
import org.relais.core.partner.PartnerDirectory;
import org.relais.core.partner.PartnerTerms;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.privacy.RetentionPeriod;
import org.relais.core.referral.CaseRegister.RegisteredCase;

/**
 * A case, from intake through its transfers to partners until it is closed. Its status is not an event of its own:
 * it follows from the facts, CLOSED once closed, RECEIVED until triaged, IN_PROGRESS while a transfer is REQUESTED,
 * ACKNOWLEDGED or ACCEPTED, TRIAGED otherwise. The decisions here need only those facts, and read models derive the
 * status by the same rule, so a transfer that ends cannot leave a stale status behind.
 *
 * <p>The same rule decides where a reopened case stands: reopening only lifts the closure, so the case goes back to
 * RECEIVED if it was closed before triage, to IN_PROGRESS if a transfer is still ACCEPTED (unless its partner
 * completed it while the case was closed, which a partner may do), and to TRIAGED otherwise. Nothing is stored for
 * the status on reopening, so a read model's replay and the live case agree.
 */
class Referral {

    @AggregateIdentifier
    private String referralId;
    private Set<Category> categories;
    private AgeBand ageBand;
    private RiskLevel riskLevel;
    private boolean consentGiven;
    private boolean closed;
    /** When the case was last closed (the closing event's own time, like every "when"), null while open. */
    private Instant closedAt;
    private boolean erasureRequested;
    /** When the case came in, by the blind index of contacts ("earlier cases" are those received before). */
    private Instant receivedAt;
    /** How many content URLs the case holds now: a content removal sends one notice per URL. */
    private int contentUrlCount;

    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private final Map<String, Transfer> transfers = new LinkedHashMap<>();

    Referral() {
        // for event sourcing
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    CommandResult handle(ReceiveReferralCommand command,
                         ReferenceAllocator references,
                         PersonalDataProtector protector,
                         ContactIndex contacts,
                         Clock clock) {
        IntakePolicy.check(command);
        Year year = Year.now(clock);
        apply(new ReferralReceivedEvent(command.referralId(),
                ReferenceAllocator.format(year, references.nextNumber(year)),
                command.channel(),
                command.reporterRole(),
                command.ageBand(),
                command.categories(),
                protector.seal(command.referralId(), command.personalDetails())));
        PersonalDetails details = command.personalDetails();
        contacts.replace(command.referralId(), receivedAt, ContactIndex.Role.VICTIM, details.victimContact());
        contacts.replace(command.referralId(), receivedAt, ContactIndex.Role.REPORTER, details.reporterContact());
        return result();
    }

    @CommandHandler
    CommandResult handle(TriageReferralCommand command) {
        requireNotClosed();
        require(command.riskLevel() != null, ErrorCode.INVALID_INPUT, "A triage needs a risk level.");
        apply(new ReferralTriagedEvent(referralId,
                command.riskLevel(),
                command.categories().isEmpty() ? categories : command.categories(),
                command.ageBand() == null ? ageBand : command.ageBand()));
        return result();
    }

    @CommandHandler
    CommandResult handle(AssignCoordinatorCommand command) {
        requireNotClosed();
        require(!isBlank(command.coordinator()), ErrorCode.INVALID_INPUT, "An assignment needs a coordinator.");
        apply(new CoordinatorAssignedEvent(referralId, command.coordinator()));
        return result();
    }

    @CommandHandler
    CommandResult handle(GiveConsentCommand command, PersonalDataProtector protector) {
        requireNotClosed();
        require(!isBlank(command.givenBy()), ErrorCode.INVALID_INPUT, "Consent needs the person who gives it.");
        require(!consentGiven, ErrorCode.CONSENT_ALREADY_GIVEN, "Consent was already given.");
        apply(new ConsentGivenEvent(referralId,
                sealer(protector).seal(SealedTextFields.CONSENT_GIVEN_BY, command.givenBy())));
        return result();
    }

    /** Allowed on a closed case too: a victim may withdraw consent at any time, and partners' access ends with it. */
    @CommandHandler
    CommandResult handle(WithdrawConsentCommand command, PersonalDataProtector protector) {
        require(!isBlank(command.givenBy()), ErrorCode.INVALID_INPUT, "A withdrawal needs the person who makes it.");
        require(consentGiven, ErrorCode.CONSENT_NOT_GIVEN, "No consent is on record.");
        apply(new ConsentWithdrawnEvent(referralId,
                sealer(protector).seal(SealedTextFields.CONSENT_GIVEN_BY, command.givenBy())));
        return result();
    }

    @CommandHandler
    CommandResult handle(RequestTransferCommand command,
                         PartnerDirectory partners,
                         PersonalDataProtector protector,
                         Clock clock) {
        requireNotClosed();
        apply(transferRequest(command, partners, protector, clock));
        return result();
    }

    /**
     * The same gate as any request: the replaced transfer gives the purpose, legal basis and shared fields unless the
     * coordinator names others. The link is its own event, just before the new transfer's request, so that the
     * request is the command's last event like that of any other request (its answer carries the deadline).
     */
    @CommandHandler
    CommandResult handle(RerouteTransferCommand command,
                         PartnerDirectory partners,
                         PersonalDataProtector protector,
                         Clock clock) {
        requireNotClosed();
        Transfer replaced = transfer(command.transferId());
        ReroutePolicy.check(replaced);
        TransferPurpose purpose = command.purpose() != null ? command.purpose() : replaced.purpose();
        TransferRequestedEvent requested = transferRequest(new RequestTransferCommand(referralId,
                        command.newTransferId(), command.partnerId(),
                        purpose,
                        command.legalBasis() != null ? command.legalBasis() : replaced.legalBasis(),
                        command.sharedFields() != null ? command.sharedFields() : replaced.sharedFields(),
                        command.message(),
                        command.hostingService() != null || purpose != replaced.purpose() ? command.hostingService()
                                : replaced.hostingService()),
                partners, protector, clock);
        apply(new TransferReroutedEvent(referralId, command.transferId(), command.newTransferId()));
        apply(requested);
        return result();
    }

    /** Checks a request against every rule of the gate and returns its event, not yet applied. */
    private TransferRequestedEvent transferRequest(RequestTransferCommand command, PartnerDirectory partners,
                                                   PersonalDataProtector protector, Clock clock) {
        require(riskLevel != null, ErrorCode.REFERRAL_NOT_TRIAGED, "A referral is triaged before any transfer.");
        require(!isBlank(command.transferId()) && !isBlank(command.partnerId()) && command.purpose() != null
                        && command.legalBasis() != null,
                ErrorCode.INVALID_INPUT, "A transfer needs an id, a partner, a purpose and a legal basis.");
        require(!transfers.containsKey(command.transferId()), ErrorCode.TRANSFER_ALREADY_EXISTS,
                "A transfer with this id exists.");
        Instant now = clock.instant();
        PartnerTerms partner = TransferGatePolicy.check(partners.currentTerms(command.partnerId()), categories,
                command.purpose(), command.sharedFields(), now);
        LegalBasisPolicy.check(command.legalBasis(), consentGiven, partner.kind(), ageBand, riskLevel);
        OneOpenTransferPolicy.check(transfers.values(), command.partnerId(), command.purpose());
        AgreementTerms agreement = partner.agreement();
        TransferPurpose purpose = command.purpose();
        HostingService hostingService = HostingServicePolicy.resolve(purpose, command.hostingService(), partner);
        return new TransferRequestedEvent(referralId,
                command.transferId(),
                command.partnerId(),
                partner.kind(),
                command.purpose(),
                command.legalBasis(),
                command.sharedFields(),
                Transfer.sealer(protector, referralId, command.transferId())
                        .seal(SealedTextFields.TRANSFER_MESSAGE, isBlank(command.message()) ? null : command.message()),
                DeadlineCalendar.deadline(agreement, now),
                agreement.acknowledgementSla(),
                hostingService,
                hostingService == null ? null : noticeCount(command.sharedFields()));
    }

    /** One notice per content URL shared; a removal sharing none is one notice, about what its message describes. */
    private int noticeCount(Set<ShareableField> shared) {
        return shared.contains(ShareableField.CONTENT_URLS) ? Math.max(1, contentUrlCount) : 1;
    }

    /**
     * Allowed on a closed case like a completion: a hosting service decides on the notices whenever it does, and
     * the partner reports it then. Only a liaison of the addressed partner may.
     */
    @CommandHandler
    CommandResult handle(RecordNoticeOutcomeCommand command,
                         @MetaDataValue(ActorMetadata.ROLE) String role,
                         @MetaDataValue(ActorMetadata.PARTNER) String partner,
                         @MetaDataValue(ActorMetadata.USER) String user,
                         PartnerDirectory partners,
                         Clock clock) {
        Transfer transfer = transfer(command.transferId());
        LiaisonPolicy.check(role, partner, user, transfer, partners);
        transfer.recordNoticeOutcome(command, clock.instant());
        return result();
    }

    @CommandHandler
    CommandResult handle(AcknowledgeTransferCommand command,
                         @MetaDataValue(ActorMetadata.ROLE) String role,
                         @MetaDataValue(ActorMetadata.PARTNER) String partner,
                         @MetaDataValue(ActorMetadata.USER) String user,
                         PartnerDirectory partners) {
        liaisonsTransfer(command.transferId(), role, partner, user, partners).acknowledge();
        return result();
    }

    @CommandHandler
    CommandResult handle(AcceptTransferCommand command,
                         @MetaDataValue(ActorMetadata.ROLE) String role,
                         @MetaDataValue(ActorMetadata.PARTNER) String partner,
                         @MetaDataValue(ActorMetadata.USER) String user,
                         PartnerDirectory partners) {
        Transfer transfer = transfer(command.transferId());
        LiaisonReach reach = LiaisonPolicy.check(role, partner, user, transfer, partners);
        requireNotClosed();
        LiaisonPolicy.checkMayTakeOn(reach, transfer);
        transfer.accept();
        return result();
    }

    @CommandHandler
    CommandResult handle(DeclineTransferCommand command,
                         @MetaDataValue(ActorMetadata.ROLE) String role,
                         @MetaDataValue(ActorMetadata.PARTNER) String partner,
                         @MetaDataValue(ActorMetadata.USER) String user,
                         PartnerDirectory partners,
                         PersonalDataProtector protector) {
        liaisonsTransfer(command.transferId(), role, partner, user, partners).decline(command.reason(), protector);
        return result();
    }

    /**
     * Unlike the other answers, allowed on a closed case for a transfer that was ACCEPTED when the case closed: the
     * partner's work goes on after the coordinator's ends, and its outcome (a platform's removal, an investigation
     * opened) must still be recorded. The case stays CLOSED.
     */
    @CommandHandler
    CommandResult handle(CompleteTransferCommand command,
                         @MetaDataValue(ActorMetadata.ROLE) String role,
                         @MetaDataValue(ActorMetadata.PARTNER) String partner,
                         @MetaDataValue(ActorMetadata.USER) String user,
                         PartnerDirectory partners,
                         PersonalDataProtector protector) {
        Transfer transfer = transfer(command.transferId());
        LiaisonPolicy.check(role, partner, user, transfer, partners);
        if (transfer.state() != TransferState.ACCEPTED) {
            requireNotClosed();
        }
        transfer.complete(command.outcome(), command.statementOfReasons(), command.note(), protector);
        return result();
    }

    /** The coordinator role is checked at the web edge like every other static permission. */
    @CommandHandler
    CommandResult handle(CancelTransferCommand command, PersonalDataProtector protector) {
        requireNotClosed();
        transfer(command.transferId()).cancel(command.reason(), protector);
        return result();
    }

    /**
     * Idempotent by design: a deadline that fires twice, late, or for a transfer answered or cancelled in the
     * meantime changes nothing and answers the current version. A closed referral holds no REQUESTED transfer, so
     * this is the one command that is a no-op rather than REFERRAL_CLOSED there.
     */
    @CommandHandler
    CommandResult handle(MarkTransferOverdueCommand command, Clock clock) {
        Transfer transfer = transfer(command.transferId());
        if (OverduePolicy.isDue(transfer, clock.instant())) {
            transfer.markOverdue();
        }
        return result();
    }

    /**
     * Sent by the deadline mechanism when the partner's agreement was suspended, resumed or amended. Like the
     * overdue flag, a no-op rather than an error when nothing is to change, a closed case included.
     */
    @CommandHandler
    CommandResult handle(RescheduleDeadlineCommand command, PartnerDirectory partners, Clock clock) {
        Transfer transfer = transfer(command.transferId());
        transfer.rescheduleDeadline(command.reason(), partners.currentTerms(transfer.partnerId()).orElse(null),
                clock.instant());
        return result();
    }

    @CommandHandler
    CommandResult handle(CloseReferralCommand command, PersonalDataProtector protector, CaseRegister cases) {
        requireNotClosed();
        ClosurePolicy.check(command.outcome(), transfers.values());
        RegisteredCase original = DuplicatePolicy.check(command.outcome(), command.duplicateOf(), referralId, cases);
        apply(new ReferralClosedEvent(referralId, command.outcome(),
                sealer(protector).seal(SealedTextFields.CLOSURE_NOTE, isBlank(command.note()) ? null : command.note()),
                original == null ? null : original.referralId(), original == null ? null : original.reference()));
        return result();
    }

    @CommandHandler
    CommandResult handle(ReopenReferralCommand command, PersonalDataProtector protector) {
        require(closed, ErrorCode.REFERRAL_NOT_CLOSED, "Only a closed referral can be reopened.");
        require(!isBlank(command.reason()), ErrorCode.REASON_REQUIRED, "Reopening needs a reason.");
        apply(new ReferralReopenedEvent(referralId,
                sealer(protector).seal(SealedTextFields.REOPENING_REASON, command.reason())));
        return result();
    }

    /**
     * A data-subject request is allowed at any time, on an open or a closed case; erasure at retention expiry only
     * for a case closed for the whole retention period ({@link RetentionPolicy}).
     */
    @CommandHandler
    CommandResult handle(RequestErasureCommand command, PersonalDataProtector protector, RetentionPeriod retention,
                         Clock clock) {
        require(!erasureRequested, ErrorCode.ERASURE_ALREADY_REQUESTED, "Erasure was already requested.");
        RetentionPolicy.check(command.ground(), closed ? closedAt : null, retention, clock.instant());
        apply(new ReferralErasureRequestedEvent(referralId, sealer(protector)
                .seal(SealedTextFields.ERASURE_REASON, isBlank(command.reason()) ? null : command.reason())));
        return result();
    }

    /** Allowed on a closed case (a follow-up call is noted too); refused once erased, by the sealer. */
    @CommandHandler
    CommandResult handle(AddNoteCommand command, PersonalDataProtector protector) {
        require(!isBlank(command.noteId()) && !isBlank(command.text()), ErrorCode.INVALID_INPUT,
                "A note needs a text.");
        apply(new NoteAddedEvent(referralId, command.noteId(),
                sealer(protector).seal(SealedTextFields.NOTE, command.text())));
        return result();
    }

    /**
     * Who may write is checked before the case's state, as for every liaison answer: a liaison of another partner
     * learns nothing about the case. Allowed on a closed case, for the follow-up of a transfer still open to its
     * partner; refused once erased.
     */
    @CommandHandler
    CommandResult handle(PostTransferMessageCommand command,
                         @MetaDataValue(ActorMetadata.ROLE) String role,
                         @MetaDataValue(ActorMetadata.PARTNER) String partner,
                         @MetaDataValue(ActorMetadata.USER) String user,
                         PartnerDirectory partners,
                         PersonalDataProtector protector) {
        Transfer transfer = transfer(command.transferId());
        ConversationSide side = ConversationPolicy.side(role, partner, user, transfer, partners);
        require(!isBlank(command.messageId()) && !isBlank(command.text()), ErrorCode.INVALID_INPUT,
                "A message needs a text.");
        require(!erasureRequested, ErrorCode.REFERRAL_ERASED, "The personal data of this referral was erased.");
        ConversationPolicy.checkOpen(transfer);
        transfer.postMessage(command.messageId(), side, command.text(), protector);
        return result();
    }

    /**
     * Allowed on a closed case too: data must stay accurate as long as it is kept, and a partner that still has
     * access sees the corrected values. Refused once erasure was asked for: there is nothing left to correct, and
     * nothing new is sealed for an erased case. The blind index follows the new contacts in the same transaction.
     */
    @CommandHandler
    CommandResult handle(RectifyPersonalDataCommand command, PersonalDataProtector protector, ContactIndex contacts) {
        require(!erasureRequested, ErrorCode.REFERRAL_ERASED, "The personal data of this referral was erased.");
        Set<ShareableField> fields = RectificationPolicy.check(command);
        apply(new PersonalDataRectifiedEvent(referralId, fields, protector.seal(referralId, new PersonalDetails(
                command.victimName(), command.victimContact(), command.reporterName(), command.reporterContact(),
                command.narrativeAddendum(), command.contentUrls()))));
        if (fields.contains(ShareableField.VICTIM_CONTACT)) {
            contacts.replace(referralId, receivedAt, ContactIndex.Role.VICTIM, command.victimContact());
        }
        if (fields.contains(ShareableField.REPORTER_CONTACT)) {
            contacts.replace(referralId, receivedAt, ContactIndex.Role.REPORTER, command.reporterContact());
        }
        return result();
    }

    @EventSourcingHandler
    void on(ReferralReceivedEvent event, @Timestamp Instant at) {
        referralId = event.referralId();
        receivedAt = at;
        contentUrlCount = urlCount(event.personalData());
        categories = event.categories();
        ageBand = event.ageBand();
    }

    @EventSourcingHandler
    void on(ReferralTriagedEvent event) {
        riskLevel = event.riskLevel();
        categories = event.categories();
        ageBand = event.ageBand();
    }

    @EventSourcingHandler
    void on(ConsentGivenEvent event) {
        consentGiven = true;
    }

    @EventSourcingHandler
    void on(ConsentWithdrawnEvent event) {
        consentGiven = false;
        transfers.values().forEach(Transfer::consentWithdrawn);
    }

    @EventSourcingHandler
    void on(TransferRequestedEvent event, @Timestamp Instant at) {
        transfers.put(event.transferId(), new Transfer(event, at));
    }

    @EventSourcingHandler
    void on(PersonalDataRectifiedEvent event) {
        if (event.fields().contains(ShareableField.CONTENT_URLS)) {
            contentUrlCount = urlCount(event.values());
        }
    }

    private static int urlCount(SealedPersonalDetails details) {
        return details == null || details.contentUrls() == null ? 0 : details.contentUrls().size();
    }

    @EventSourcingHandler
    void on(ReferralClosedEvent event, @Timestamp Instant at) {
        closed = true;
        closedAt = at;
    }

    @EventSourcingHandler
    void on(ReferralReopenedEvent event) {
        closed = false;
        closedAt = null;
    }

    @EventSourcingHandler
    void on(ReferralErasureRequestedEvent event) {
        erasureRequested = true;
    }

    /**
     * Who may answer is checked before the case's state: a liaison of another partner must learn nothing about the
     * case, not even that it is closed (the edge answers that rejection with 404, like an unknown case).
     */
    private Transfer liaisonsTransfer(String transferId, String role, String partner, String user,
                                      PartnerDirectory partners) {
        Transfer transfer = transfer(transferId);
        LiaisonPolicy.check(role, partner, user, transfer, partners);
        requireNotClosed();
        return transfer;
    }

    private Transfer transfer(String transferId) {
        Transfer transfer = transferId == null ? null : transfers.get(transferId);
        if (transfer == null) {
            throw RuleViolationException.of(ErrorCode.TRANSFER_NOT_FOUND, "No transfer with this id on this referral.");
        }
        return transfer;
    }

    private void requireNotClosed() {
        require(!closed, ErrorCode.REFERRAL_CLOSED, "The referral is closed.");
    }

    /**
     * Seals the case's own texts; a transfer's texts are sealed by {@link Transfer#sealer}, bound to it. Once erasure
     * is recorded nothing new is sealed for the case, whatever any instance's key cache still holds: the case's own
     * history says so as soon as the erasure is committed.
     */
    private Sealer sealer(PersonalDataProtector protector) {
        return (field, value) -> {
            if (value == null) {
                return null;
            }
            require(!erasureRequested, ErrorCode.REFERRAL_ERASED, "The personal data of this referral was erased.");
            return protector.sealText(referralId, field, value);
        };
    }

    private CommandResult result() {
        return new CommandResult(referralId, AggregateLifecycle.getVersion());
    }
}
