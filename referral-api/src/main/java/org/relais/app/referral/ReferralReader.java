package org.relais.app.referral;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.access.CaseAccess;
import org.relais.core.access.LiaisonReach;
import org.relais.core.access.TransferAccess;
import org.relais.core.api.query.CaseTalkView;
import org.relais.core.api.access.ConversationReads;
import org.relais.core.api.referral.ConversationSide;
import org.relais.core.api.query.FindCaseTalkQuery;
import org.relais.core.api.query.FindReferralQuery;
import org.relais.core.api.query.NoticeAnswerView;
import org.relais.core.api.access.PersonalDataAccessedEvent;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.query.ReferralDetailView;
import org.relais.core.api.referral.SealedTextFields;
import org.relais.core.api.ShareableField;
import org.relais.core.api.query.TransferMessageView;
import org.relais.core.api.query.TransferView;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.app.export.TrustedFlaggerReport;
import org.relais.app.access.PartnerAccess;
import org.relais.app.contact.JdbcContactIndex;
import org.relais.app.http.problem.NotFoundException;
import org.relais.app.privacy.AccessRecorder;
import org.relais.app.security.Actor;
import org.springframework.stereotype.Component;

/**
 * Opens a case's personal data for one reader, and only what that reader may see. Coordinators and auditors see
 * the whole case. A liaison sees only a case with a transfer to a partner it reaches (any other case is "not
 * found"), only that partner's transfers, and only the personal fields shared in those of its transfers that still
 * open them (see {@link PartnerAccess}): a transfer declined, cancelled, completed long ago or resting on a consent
 * since withdrawn keeps the case visible (the partner's own history: reference, states, outcome) but opens nothing,
 * its free texts included; a suspended partner's liaisons see no personal data at all. Who reaches what is decided
 * from the write side at the moment of the read, never from the read model the page is drawn from.
 */
@Component
public class ReferralReader {

    private final PersonalDataProtector protector;
    private final AccessRecorder access;
    private final QueryGateway queries;
    private final PartnerAccess partners;
    private final JdbcContactIndex contacts;

    ReferralReader(PersonalDataProtector protector, AccessRecorder access, QueryGateway queries,
                   PartnerAccess partners, JdbcContactIndex contacts) {
        this.protector = protector;
        this.access = access;
        this.queries = queries;
        this.partners = partners;
        this.contacts = contacts;
    }

    /**
     * The case {@code referralId} as {@code actor} may see it, for the API and the web UI alike; "not found" when it
     * does not exist or this reader may not know of it.
     */
    public ReferralResponse find(String referralId, Actor actor, String purpose) {
        ReferralDetailView view = queries.query(new FindReferralQuery(referralId),
                        ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join()
                .orElseThrow(NotFoundException::new);
        return read(view, actor, purpose);
    }

    /** The case as this reader may see it; the personal fields it is shown are recorded first, with the purpose. */
    public ReferralResponse read(ReferralDetailView view, Actor actor, String purpose) {
        return switch (actor.role()) {
            case COORDINATOR -> recorded(whole(view), purpose)
                    .withEarlierCasesWithContact(contacts.earlierCasesWithAContactOf(view.referralId()));
            case AUDITOR -> recorded(whole(view), purpose);
            case LIAISON -> {
                LiaisonReach reach = partners.reach(actor, actor.partnerId());
                if (!reach.seesTransfers()) {
                    throw new NotFoundException();
                }
                yield recorded(sharedWith(view, actor.partnerId(), reach, partners.caseNow(view.referralId()), null),
                        purpose);
            }
            case ADMIN -> throw new NotFoundException();
        };
    }

    /**
     * The case {@code then} (as it stood at {@code asOf}) as {@code actor} may see it by the rules of the case view:
     * the coordination and auditors see it whole, its personal data as stored then and opened now (marked erased when
     * it has been erased since), its notes and messages written until then; what they are shown is recorded like a
     * read of the case now. Anyone else is answered "not found", as for a case they may not know of.
     */
    public ReferralResponse readAsOf(ReferralDetailView then, Actor actor, Instant asOf, String purpose) {
        return switch (actor.role()) {
            case COORDINATOR, AUDITOR -> recorded(wholeAsOf(then, asOf), purpose);
            case LIAISON, ADMIN -> throw new NotFoundException();
        };
    }

    /**
     * What {@code partnerId}'s liaisons were shown of the case {@code then} (the case as it stood at {@code asOf}),
     * by the rules as they applied at that instant: the partner's status and the transfers' states then.
     */
    public ReferralResponse asShownTo(ReferralDetailView then, String partnerId, Instant asOf, String purpose) {
        return recorded(sharedWith(then, partnerId, partners.reachOfPartnerAsOf(partnerId, asOf),
                partners.caseAsOf(then.referralId(), asOf), asOf), purpose);
    }

    /** The case's notes and conversations, as they stood at {@code asOf} (or now, when null). */
    private CaseTalkView talk(String referralId, Instant asOf) {
        CaseTalkView talk = queries.query(new FindCaseTalkQuery(referralId), CaseTalkView.class).join();
        if (asOf == null) {
            return talk;
        }
        return new CaseTalkView(referralId,
                talk.notes().stream().filter(note -> !note.writtenAt().isAfter(asOf)).toList(),
                talk.messages().stream().filter(message -> !message.postedAt().isAfter(asOf)).toList());
    }

    /**
     * Everything the case holds about its data subject now, opened whoever may read it (a subject access request,
     * answered by an administrator): not recorded here, the export records what it hands out as a whole.
     */
    ReferralResponse whole(ReferralDetailView view, Set<String> texts) {
        Opened opened = whole(view);
        texts.addAll(opened.texts());
        return opened.response();
    }

    private ReferralResponse recorded(Opened opened, String purpose) {
        access.record(opened.response().referralId(), shown(opened.response()), opened.texts(), purpose);
        return opened.response();
    }

    /** A response and the sealed free texts opened to build it, which the access record names too. */
    private record Opened(ReferralResponse response, Set<String> texts) {
    }

    private static Set<ShareableField> shown(ReferralResponse response) {
        Set<ShareableField> shown = EnumSet.noneOf(ShareableField.class);
        if (response.victim() != null && response.victim().name() != null) {
            shown.add(ShareableField.VICTIM_NAME);
        }
        if (response.victim() != null && response.victim().contact() != null) {
            shown.add(ShareableField.VICTIM_CONTACT);
        }
        if (response.reporter() != null && response.reporter().name() != null) {
            shown.add(ShareableField.REPORTER_NAME);
        }
        if (response.reporter() != null && response.reporter().contact() != null) {
            shown.add(ShareableField.REPORTER_CONTACT);
        }
        if (response.narrative() != null) {
            shown.add(ShareableField.NARRATIVE);
        }
        if (response.contentUrls() != null && !response.contentUrls().isEmpty()) {
            shown.add(ShareableField.CONTENT_URLS);
        }
        return shown;
    }

    private Opened whole(ReferralDetailView view) {
        return wholeAsOf(view, null);
    }

    /** The whole case, with its notes and messages as they stood at {@code asOf} (or now, when null). */
    private Opened wholeAsOf(ReferralDetailView view, Instant asOf) {
        Optional<PersonalDetails> opened = protector.open(view.referralId(), view.personalData());
        Set<String> texts = new TreeSet<>();
        CaseTalkView talk = talk(view.referralId(), asOf);
        List<ReferralResponse.Transfer> transfers = view.transfers().stream()
                .map(transfer -> withMessages(transfer(view.referralId(), transfer, transfer.consentWithdrawn(), true,
                        texts), view.referralId(), talk, ConversationSide.COORDINATION, texts, asOf == null))
                .map(transfer -> transfer.withNoticeUrls(opened.map(PersonalDetails::contentUrls).orElse(null)))
                .toList();
        ReferralResponse response = response(view, opened, EnumSet.allOf(ShareableField.class), transfers, true);
        return new Opened(withNotes(response, talk, texts), texts);
    }

    /** The coordination's notes, each opened and named in {@code texts}; an erased case keeps its notes unread. */
    private ReferralResponse withNotes(ReferralResponse response, CaseTalkView talk, Set<String> texts) {
        List<ReferralResponse.Note> notes = talk.notes().stream().map(note -> {
            Optional<String> text = protector.openText(response.referralId(), SealedTextFields.NOTE,
                    note.sealedText());
            text.ifPresent(opened -> texts.add(SealedTextFields.NOTE));
            return new ReferralResponse.Note(note.noteId(), note.author(), note.writtenAt(), text.orElse(null));
        }).toList();
        return response.withNotes(notes);
    }

    /**
     * The transfer's conversation as {@code reader}'s side is shown it, each message opened and named in
     * {@code texts} (which is how the other side's messages become read), and how many of the other side's messages
     * this side had not been shown before (only for a read of the case now: a replay of the past does not know).
     */
    private ReferralResponse.Transfer withMessages(ReferralResponse.Transfer transfer, String referralId,
                                                   CaseTalkView talk, ConversationSide reader, Set<String> texts,
                                                   boolean now) {
        List<TransferMessageView> thread = talk.messagesOf(transfer.transferId());
        List<ReferralResponse.Message> messages = thread.stream().map(message -> {
            Optional<String> text = protector.openTransferText(referralId, transfer.transferId(),
                    SealedTextFields.CONVERSATION_MESSAGE, message.sealedText());
            text.ifPresent(opened -> texts.add(ConversationReads.textOf(transfer.transferId(), message.messageId())));
            return new ReferralResponse.Message(message.messageId(), message.side(),
                    reader == ConversationSide.COORDINATION ? message.author() : null, message.postedAt(),
                    text.orElse(null));
        }).toList();
        Integer unread = now ? (int) thread.stream().filter(m -> m.side() != reader && !m.readByOther()).count()
                : null;
        return transfer.withMessages(messages, unread);
    }

    private Opened sharedWith(ReferralDetailView view, String partnerId, LiaisonReach reach, CaseAccess ledger,
                              Instant at) {
        List<TransferAccess> granted = reach.seesTransfers() && partnerId != null
                ? ledger.transfersTo(partnerId) : List.of();
        Map<String, TransferAccess> byId = new HashMap<>();
        granted.forEach(transfer -> byId.put(transfer.transferId(), transfer));
        List<TransferView> own = view.transfers().stream()
                .filter(transfer -> byId.containsKey(transfer.transferId()))
                .toList();
        if (own.isEmpty()) {
            throw new NotFoundException();
        }
        Set<ShareableField> shared = EnumSet.noneOf(ShareableField.class);
        Set<String> texts = new TreeSet<>();
        List<ReferralResponse.Transfer> transfers = new ArrayList<>();
        Set<String> showingUrls = new HashSet<>();
        CaseTalkView talk = talk(view.referralId(), at);
        for (TransferView transfer : own) {
            TransferAccess decided = byId.get(transfer.transferId());
            boolean opens = reach.seesPersonalData() && partners.opensPersonalData(decided, at);
            if (opens) {
                shared.addAll(transfer.sharedFields());
                if (transfer.sharedFields().contains(ShareableField.CONTENT_URLS)) {
                    showingUrls.add(transfer.transferId());
                }
            }
            ReferralResponse.Transfer shown = linkedWithin(transfer(view.referralId(), transfer,
                    decided.consentWithdrawn(), opens, texts), own);
            transfers.add(opens ? withMessages(shown, view.referralId(), talk, ConversationSide.PARTNER, texts,
                    at == null) : shown);
        }
        Optional<PersonalDetails> opened = shared.isEmpty() ? Optional.empty()
                : protector.open(view.referralId(), view.personalData());
        List<String> urls = opened.map(PersonalDetails::contentUrls).orElse(null);
        List<ReferralResponse.Transfer> shown = transfers.stream().map(transfer ->
                showingUrls.contains(transfer.transferId()) ? transfer.withNoticeUrls(urls) : transfer).toList();
        return new Opened(response(view, opened, shared, shown, false), texts);
    }

    private ReferralResponse response(ReferralDetailView view, Optional<PersonalDetails> opened,
                                      Set<ShareableField> visible, List<ReferralResponse.Transfer> transfers,
                                      boolean staff) {
        PersonalDetails details = opened.orElse(null);
        boolean erased = staff ? opened.isEmpty() : !visible.isEmpty() && opened.isEmpty();
        return new ReferralResponse(view.referralId(), view.reference(), view.status(), view.riskLevel(),
                view.channel(), view.reporterRole(), view.ageBand(), view.categories(),
                details == null || !visible.contains(ShareableField.CONTENT_URLS) ? null : details.contentUrls(),
                details == null ? null : person(visible.contains(ShareableField.VICTIM_NAME) ? details.victimName() : null,
                        visible.contains(ShareableField.VICTIM_CONTACT) ? details.victimContact() : null),
                details == null ? null : person(visible.contains(ShareableField.REPORTER_NAME) ? details.reporterName()
                        : null, visible.contains(ShareableField.REPORTER_CONTACT) ? details.reporterContact() : null),
                details == null || !visible.contains(ShareableField.NARRATIVE) ? null
                        : withAddenda(view, details.narrative()),
                erased,
                staff ? view.consentGiven() : null,
                staff ? view.assignedCoordinator() : null,
                view.closureOutcome(),
                staff ? view.erasureRequested() : null,
                transfers,
                view.receivedAt(), view.updatedAt(), view.version(),
                staff && view.duplicateOf() != null
                        ? new ReferralResponse.CaseLink(view.duplicateOf(), view.duplicateOfReference()) : null,
                staff ? view.duplicates().stream()
                        .map(link -> new ReferralResponse.CaseLink(link.referralId(), link.reference())).toList()
                        : null,
                null, null);
    }

    /**
     * Keeps a re-routing link only to a transfer the reader is shown: a liaison must not learn that another partner
     * had (or now has) the case.
     */
    private static ReferralResponse.Transfer linkedWithin(ReferralResponse.Transfer transfer,
                                                          List<TransferView> shown) {
        Set<String> ids = new HashSet<>();
        shown.forEach(view -> ids.add(view.transferId()));
        String from = ids.contains(transfer.reroutedFrom()) ? transfer.reroutedFrom() : null;
        String to = ids.contains(transfer.reroutedTo()) ? transfer.reroutedTo() : null;
        return transfer.withLinks(from, to);
    }

    /**
     * The narrative as first told, then each addendum a rectification appended, a blank line apart. An addendum
     * opens like the narrative (sealed for this case under the same field); one that does not is left out.
     */
    private String withAddenda(ReferralDetailView view, String narrative) {
        if (view.narrativeAddenda().isEmpty()) {
            return narrative;
        }
        StringBuilder text = new StringBuilder(narrative == null ? "" : narrative);
        for (String addendum : view.narrativeAddenda()) {
            protector.openText(view.referralId(), "narrative", addendum).ifPresent(opened ->
                    text.append(text.length() == 0 ? "" : "\n\n").append(opened));
        }
        return text.toString();
    }

    /** A transfer as shown; its free texts only when {@code opens}, each one opened named in {@code texts}. */
    private ReferralResponse.Transfer transfer(String referralId, TransferView transfer, boolean consentWithdrawn,
                                               boolean opens, Set<String> texts) {
        String reasonField = switch (transfer.state()) {
            case DECLINED -> SealedTextFields.DECLINE_REASON;
            case CANCELLED -> SealedTextFields.CANCELLATION_REASON;
            default -> SealedTextFields.STATEMENT_OF_REASONS;
        };
        return new ReferralResponse.Transfer(transfer.transferId(), transfer.partnerId(), transfer.partnerKind(),
                transfer.purpose(), transfer.legalBasis(), transfer.state(), transfer.sharedFields(),
                opens ? open(referralId, transfer, SealedTextFields.TRANSFER_MESSAGE, transfer.sealedMessage(), texts)
                        : null,
                transfer.requestedAt(), transfer.deadline(), transfer.overdue(), transfer.wasOverdue(),
                transfer.acknowledgedAt(), transfer.acceptedAt(), transfer.endedAt(), transfer.outcome(),
                opens ? open(referralId, transfer, reasonField, transfer.sealedReason(), texts) : null,
                opens ? open(referralId, transfer, SealedTextFields.COMPLETION_NOTE, transfer.sealedNote(), texts)
                        : null,
                consentWithdrawn, transfer.reroutedFrom(), transfer.reroutedTo(), null, null,
                transfer.hostingService(), notices(transfer));
    }

    /**
     * A content removal's notices, one per content URL sent, each with its answer if recorded; their URLs are added
     * only for a reader shown the content URLs. Null for a transfer that sent none (or stored before notices were).
     */
    private static List<ReferralResponse.Notice> notices(TransferView transfer) {
        if (transfer.noticeCount() == null) {
            return null;
        }
        List<ReferralResponse.Notice> notices = new ArrayList<>();
        for (int index = 0; index < transfer.noticeCount(); index++) {
            int i = index;
            NoticeAnswerView answer = transfer.noticeAnswers().stream().filter(a -> a.noticeIndex() == i)
                    .findFirst().orElse(null);
            notices.add(answer == null ? new ReferralResponse.Notice(i, null, null, null, null)
                    : new ReferralResponse.Notice(i, null, answer.outcome(), answer.actedAt(),
                    answer.statementOfReasons() == null ? TrustedFlaggerReport.NOT_PROVIDED
                            : answer.statementOfReasons()));
        }
        return notices;
    }

    /** A transfer's text opens for that transfer of that case only (the protector checks both). */
    private String open(String referralId, TransferView transfer, String field, String sealed, Set<String> texts) {
        if (sealed == null) {
            return null;
        }
        Optional<String> opened = protector.openTransferText(referralId, transfer.transferId(), field, sealed);
        opened.ifPresent(text -> texts.add(PersonalDataAccessedEvent.textOf(field, transfer.transferId())));
        return opened.orElse(null);
    }

    private static ReferralResponse.Person person(String name, String contact) {
        return name == null && contact == null ? null : new ReferralResponse.Person(name, contact);
    }
}
