package org.relais.app.referral;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.query.AuditEntryView;
import org.relais.core.api.query.AuditTrailPageView;
import org.relais.core.api.referral.ConsentGivenEvent;
import org.relais.core.api.referral.ConsentWithdrawnEvent;
import org.relais.core.api.query.FindAuditTrailQuery;
import org.relais.core.api.query.FindReferralQuery;
import org.relais.core.api.access.ConversationReads;
import org.relais.core.api.access.PersonalDataAccessedEvent;
import org.relais.core.api.referral.NoteAddedEvent;
import org.relais.core.api.referral.PersonalDataRectifiedEvent;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.query.ReferralDetailView;
import org.relais.core.api.referral.ReferralErasureRequestedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.SealedPersonalDetails;
import org.relais.core.api.referral.SealedTextFields;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferMessagePostedEvent;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.app.privacy.AccessRecorder;
import org.relais.app.http.problem.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * The answer to a data subject's access request (GDPR Art. 15): in one document, the case as it is now with every
 * piece of personal data opened, and its whole history, each event with who, when, what (the audit trail's line)
 * and the personal data it recorded, opened (the intake's values, each rectification's, the sealed texts, among them
 * each internal note and each message of a transfer's conversation, as the person may be named in them). Handed
 * out once recorded in the access log, as an export: a copy out of reach of erasure, accounted for even when the
 * case holds no personal data any more.
 */
@Component
public class SubjectExport {

    static final String PURPOSE = "subject access request (GDPR Art. 15)";
    private static final int PAGE = 500;

    private final QueryGateway queries;
    private final EventStore events;
    private final PersonalDataProtector protector;
    private final ReferralReader reader;
    private final AccessRecorder access;

    SubjectExport(QueryGateway queries, EventStore events, PersonalDataProtector protector, ReferralReader reader,
                  AccessRecorder access) {
        this.queries = queries;
        this.events = events;
        this.protector = protector;
        this.reader = reader;
        this.access = access;
    }

    /** The export document. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Document(String referralId, String reference, Instant exportedAt, ReferralResponse current,
                    List<HistoryEntry> history) {
    }

    /** One event of the case; {@code personalData} the values it recorded, opened (absent when it recorded none). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryEntry(Instant at, String event, String actorUser, String actorRole, String actorPartner,
                        String description, Map<String, Object> personalData) {

        @Override
        public String toString() {
            return "HistoryEntry[event=" + event + "]";
        }
    }

    public Document export(String referralId, String purpose, Instant now) {
        ReferralDetailView view = queries.query(new FindReferralQuery(referralId),
                        ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join()
                .orElseThrow(NotFoundException::new);
        Set<String> texts = new TreeSet<>();
        ReferralResponse current = reader.whole(view, texts);
        Set<ShareableField> fields = EnumSet.noneOf(ShareableField.class);
        Map<String, Map<String, Object>> opened = openedByEvent(referralId, fields, texts);
        List<HistoryEntry> history = new ArrayList<>();
        for (AuditEntryView entry : timeline(referralId)) {
            history.add(new HistoryEntry(entry.at(), entry.eventType(), entry.actorUser(), entry.actorRole(),
                    entry.actorPartner(), entry.description(), opened.get(entry.eventId())));
        }
        String recordedPurpose = purpose == null || purpose.isBlank() ? PURPOSE : PURPOSE + ": " + purpose.strip();
        if (fields.isEmpty()) {
            access.recordExport(referralId, texts, recordedPurpose);
        } else {
            access.record(referralId, fields, texts, recordedPurpose);
        }
        return new Document(view.referralId(), view.reference(), now, current, history);
    }

    private List<AuditEntryView> timeline(String referralId) {
        List<AuditEntryView> entries = new ArrayList<>();
        for (int page = 0; ; page++) {
            AuditTrailPageView view = queries.query(new FindAuditTrailQuery(referralId, null, null, null, page, PAGE),
                    AuditTrailPageView.class).join();
            entries.addAll(view.items());
            if (view.items().size() < PAGE) {
                return entries;
            }
        }
    }

    /** The personal data each stored event of the case recorded, opened, by event id; what was opened, named. */
    private Map<String, Map<String, Object>> openedByEvent(String referralId, Set<ShareableField> fields,
                                                          Set<String> texts) {
        Map<String, Map<String, Object>> opened = new HashMap<>();
        events.readEvents(referralId).asStream().forEach(message -> {
            Map<String, Object> values = open(referralId, message, fields, texts);
            if (!values.isEmpty()) {
                opened.put(message.getIdentifier(), values);
            }
        });
        return opened;
    }

    private Map<String, Object> open(String referralId, DomainEventMessage<?> message, Set<ShareableField> fields,
                                     Set<String> texts) {
        Map<String, Object> values = new LinkedHashMap<>();
        Object payload = message.getPayload();
        if (payload instanceof ReferralReceivedEvent e) {
            details(referralId, e.personalData(), EnumSet.allOf(ShareableField.class), values, fields);
        } else if (payload instanceof PersonalDataRectifiedEvent e) {
            details(referralId, e.values(), e.fields(), values, fields);
        } else if (payload instanceof ConsentGivenEvent e) {
            text(referralId, SealedTextFields.CONSENT_GIVEN_BY, e.givenBy(), values, texts);
        } else if (payload instanceof ConsentWithdrawnEvent e) {
            text(referralId, SealedTextFields.CONSENT_GIVEN_BY, e.givenBy(), values, texts);
        } else if (payload instanceof ReferralClosedEvent e) {
            text(referralId, SealedTextFields.CLOSURE_NOTE, e.note(), values, texts);
        } else if (payload instanceof ReferralReopenedEvent e) {
            text(referralId, SealedTextFields.REOPENING_REASON, e.reason(), values, texts);
        } else if (payload instanceof ReferralErasureRequestedEvent e) {
            text(referralId, SealedTextFields.ERASURE_REASON, e.reason(), values, texts);
        } else if (payload instanceof TransferRequestedEvent e) {
            transferText(referralId, e.transferId(), SealedTextFields.TRANSFER_MESSAGE, e.message(), values, texts);
        } else if (payload instanceof TransferDeclinedEvent e) {
            transferText(referralId, e.transferId(), SealedTextFields.DECLINE_REASON, e.reason(), values, texts);
        } else if (payload instanceof TransferCancelledEvent e) {
            transferText(referralId, e.transferId(), SealedTextFields.CANCELLATION_REASON, e.reason(), values, texts);
        } else if (payload instanceof NoteAddedEvent e) {
            text(referralId, SealedTextFields.NOTE, e.text(), values, texts);
        } else if (payload instanceof TransferMessagePostedEvent e) {
            message(referralId, e, values, texts);
        } else if (payload instanceof TransferCompletedEvent e) {
            transferText(referralId, e.transferId(), SealedTextFields.STATEMENT_OF_REASONS, e.statementOfReasons(),
                    values, texts);
            transferText(referralId, e.transferId(), SealedTextFields.COMPLETION_NOTE, e.note(), values, texts);
        }
        return values;
    }

    private void details(String referralId, SealedPersonalDetails sealed, Set<ShareableField> recorded,
                         Map<String, Object> values, Set<ShareableField> fields) {
        Optional<PersonalDetails> opened = protector.open(referralId, sealed);
        if (opened.isEmpty()) {
            return;
        }
        PersonalDetails details = opened.get();
        put(values, fields, recorded, ShareableField.VICTIM_NAME, details.victimName());
        put(values, fields, recorded, ShareableField.VICTIM_CONTACT, details.victimContact());
        put(values, fields, recorded, ShareableField.REPORTER_NAME, details.reporterName());
        put(values, fields, recorded, ShareableField.REPORTER_CONTACT, details.reporterContact());
        put(values, fields, recorded, ShareableField.NARRATIVE, details.narrative());
        if (recorded.contains(ShareableField.CONTENT_URLS) && !details.contentUrls().isEmpty()) {
            values.put(ShareableField.CONTENT_URLS.jsonName(), details.contentUrls());
            fields.add(ShareableField.CONTENT_URLS);
        }
    }

    private static void put(Map<String, Object> values, Set<ShareableField> fields, Set<ShareableField> recorded,
                            ShareableField field, String value) {
        if (recorded.contains(field) && value != null) {
            values.put(field.jsonName(), value);
            fields.add(field);
        }
    }

    private void text(String referralId, String field, String sealed, Map<String, Object> values, Set<String> texts) {
        if (sealed != null) {
            protector.openText(referralId, field, sealed).ifPresent(text -> {
                values.put(field, text);
                texts.add(field);
            });
        }
    }

    /** A conversation's message, named in {@code texts} as the case's reader names it when it shows the thread. */
    private void message(String referralId, TransferMessagePostedEvent message, Map<String, Object> values,
                         Set<String> texts) {
        if (message.text() != null) {
            protector.openTransferText(referralId, message.transferId(), SealedTextFields.CONVERSATION_MESSAGE,
                    message.text()).ifPresent(text -> {
                        values.put(SealedTextFields.CONVERSATION_MESSAGE, text);
                        texts.add(ConversationReads.textOf(message.transferId(), message.messageId()));
                    });
        }
    }

    private void transferText(String referralId, String transferId, String field, String sealed,
                              Map<String, Object> values, Set<String> texts) {
        if (sealed != null) {
            protector.openTransferText(referralId, transferId, field, sealed).ifPresent(text -> {
                values.put(field, text);
                texts.add(PersonalDataAccessedEvent.textOf(field, transferId));
            });
        }
    }
}
