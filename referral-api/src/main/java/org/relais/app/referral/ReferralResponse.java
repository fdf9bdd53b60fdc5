package org.relais.app.referral;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.ConversationSide;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.NoticeOutcome;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferState;

/**
 * A case as one reader may see it: personal fields the reader may not see are absent, and {@code personalDataErased}
 * says when they are gone for everybody. A liaison sees only its own partner's transfers, and none of the
 * coordination fields ({@code consentGiven}, {@code assignedCoordinator}, {@code erasureRequested}, the links to other
 * cases {@code duplicateOf} and {@code duplicates}, the repeat-caller hint {@code earlierCasesWithContact}, the
 * notes). The narrative is the current one: as first told, followed by each addendum a rectification appended.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferralResponse(String referralId,
                        String reference,
                        ReferralStatus status,
                        RiskLevel riskLevel,
                        Channel channel,
                        ReporterRole reporterRole,
                        AgeBand ageBand,
                        Set<Category> categories,
                        List<String> contentUrls,
                        Person victim,
                        Person reporter,
                        String narrative,
                        boolean personalDataErased,
                        Boolean consentGiven,
                        String assignedCoordinator,
                        ClosureOutcome closureOutcome,
                        Boolean erasureRequested,
                        List<Transfer> transfers,
                        Instant receivedAt,
                        Instant updatedAt,
                        long version,
                        CaseLink duplicateOf,
                        List<CaseLink> duplicates,
                        List<Note> notes,
                        Integer earlierCasesWithContact) {

    /** The same case with the coordination's notes. */
    ReferralResponse withNotes(List<Note> notes) {
        return new ReferralResponse(referralId, reference, status, riskLevel, channel, reporterRole, ageBand,
                categories, contentUrls, victim, reporter, narrative, personalDataErased, consentGiven,
                assignedCoordinator, closureOutcome, erasureRequested, transfers, receivedAt, updatedAt, version,
                duplicateOf, duplicates, notes, earlierCasesWithContact);
    }

    /** Another case, by id and by the reference people read out. */
    public record CaseLink(String referralId, String reference) {
    }

    /** An internal note of the coordination: in the response of coordinators and auditors only. */
    public record Note(String noteId, String author, Instant writtenAt, String text) {

        @Override
        public String toString() {
            return "Note[noteId=" + noteId + "]";
        }
    }

    /** A message of a transfer's conversation; the author is shown to the coordination only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String messageId, ConversationSide side, String author, Instant postedAt, String text) {

        @Override
        public String toString() {
            return "Message[messageId=" + messageId + ", side=" + side + "]";
        }
    }

    /**
     * With the repeat-caller hint: how many cases received before this one share a contact with it (coordinators
     * only; found by the blind index, nothing opened).
     */
    ReferralResponse withEarlierCasesWithContact(int count) {
        return new ReferralResponse(referralId, reference, status, riskLevel, channel, reporterRole, ageBand,
                categories, contentUrls, victim, reporter, narrative, personalDataErased, consentGiven,
                assignedCoordinator, closureOutcome, erasureRequested, transfers, receivedAt, updatedAt, version,
                duplicateOf, duplicates, notes, count);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Person(String name, String contact) {

        @Override
        public String toString() {
            return "Person[redacted]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Transfer(String transferId,
                    String partnerId,
                    PartnerKind partnerKind,
                    TransferPurpose purpose,
                    LegalBasis legalBasis,
                    TransferState state,
                    Set<ShareableField> sharedFields,
                    String message,
                    Instant requestedAt,
                    Instant deadline,
                    boolean overdue,
                    boolean wasOverdue,
                    Instant acknowledgedAt,
                    Instant acceptedAt,
                    Instant endedAt,
                    TransferOutcome outcome,
                    String reason,
                    String note,
                    boolean consentWithdrawn,
                    String reroutedFrom,
                    String reroutedTo,
                    List<Message> messages,
                    Integer unreadMessages,
                    HostingService hostingService,
                    List<Notice> notices) {

        /** The same transfer with only the re-routing links given (the others hidden from this reader). */
        Transfer withLinks(String from, String to) {
            return new Transfer(transferId, partnerId, partnerKind, purpose, legalBasis, state, sharedFields, message,
                    requestedAt, deadline, overdue, wasOverdue, acknowledgedAt, acceptedAt, endedAt, outcome, reason,
                    note, consentWithdrawn, from, to, messages, unreadMessages, hostingService, notices);
        }

        /** The same transfer with its conversation as this reader is shown it. */
        Transfer withMessages(List<Message> thread, Integer unread) {
            return new Transfer(transferId, partnerId, partnerKind, purpose, legalBasis, state, sharedFields, message,
                    requestedAt, deadline, overdue, wasOverdue, acknowledgedAt, acceptedAt, endedAt, outcome, reason,
                    note, consentWithdrawn, reroutedFrom, reroutedTo, thread, unread, hostingService, notices);
        }

        /** The same transfer with each notice's URL taken from {@code urls}, the case's content URLs now. */
        Transfer withNoticeUrls(List<String> urls) {
            if (notices == null || urls == null) {
                return this;
            }
            List<Notice> shown = notices.stream().map(notice -> notice.withUrl(
                    notice.noticeIndex() < urls.size() ? urls.get(notice.noticeIndex()) : null)).toList();
            return new Transfer(transferId, partnerId, partnerKind, purpose, legalBasis, state, sharedFields, message,
                    requestedAt, deadline, overdue, wasOverdue, acknowledgedAt, acceptedAt, endedAt, outcome, reason,
                    note, consentWithdrawn, reroutedFrom, reroutedTo, messages, unreadMessages, hostingService, shown);
        }

        @Override
        public String toString() {
            return "Transfer[transferId=" + transferId + ", state=" + state + "]";
        }
    }

    /**
     * One notice of a content removal (one content URL, by its index from 0 as in
     * {@code POST …/notices/{index}/outcome}) and the hosting service's answer: {@code url} only for a reader shown
     * the case's content URLs; {@code outcome}, {@code actedAt} and {@code statementOfReasons} absent while
     * unanswered, the reference "not provided" when the service gave none.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Notice(int noticeIndex, String url, NoticeOutcome outcome, Instant actedAt,
                         String statementOfReasons) {

        Notice withUrl(String shown) {
            return new Notice(noticeIndex, shown, outcome, actedAt, statementOfReasons);
        }

        @Override
        public String toString() {
            return "Notice[noticeIndex=" + noticeIndex + ", outcome=" + outcome + "]";
        }
    }

    @Override
    public String toString() {
        return "ReferralResponse[referralId=" + referralId + ", version=" + version + "]";
    }
}
