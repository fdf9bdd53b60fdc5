package org.relais.app.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.ConsentGivenEvent;
import org.relais.core.api.referral.ConsentWithdrawnEvent;
import org.relais.core.api.referral.ConversationSide;
import org.relais.core.api.referral.CoordinatorAssignedEvent;
import org.relais.core.api.referral.DeadlineRescheduledEvent;
import org.relais.core.api.referral.NoteAddedEvent;
import org.relais.core.api.referral.NoticeOutcomeRecordedEvent;
import org.relais.core.api.referral.PersonalDataRectifiedEvent;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralErasureRequestedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferMessagePostedEvent;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferReroutedEvent;
import org.springframework.stereotype.Component;

/**
 * A case told in plain sentences, one per event of its stream: what happened, who did it and when, in the page's
 * language. Read from the case's own events (as the state as of an instant is), so that nothing a person did is left
 * out. Only codes, labels and names are told: never a sealed value (names, contacts, narrative, free-text reasons,
 * notes, who gave consent), nor more than "with a reason".
 */
@Component
class CaseStory {

    private final EventStore events;
    private final Labels labels;
    private final UiFormats formats;

    CaseStory(EventStore events, Labels labels, UiFormats formats) {
        this.events = events;
        this.labels = labels;
        this.formats = formats;
    }

    /** One line of the story; {@code sequence} ties it to the audit trail's entry of the same event. */
    record Line(long sequence, Instant at, String who, String what, String partnerId) {
    }

    /** The whole story, oldest first. */
    List<Line> of(String referralId) {
        List<Line> lines = new ArrayList<>();
        Map<String, String> partnerOfTransfer = new HashMap<>();
        events.readEvents(referralId).asStream().forEach(event -> {
            Object payload = event.getPayload();
            if (payload instanceof TransferRequestedEvent e) {
                partnerOfTransfer.put(e.transferId(), e.partnerId());
            }
            String what = sentence(payload, partnerOfTransfer);
            if (what != null) {
                lines.add(new Line(event.getSequenceNumber(), event.getTimestamp(), who(event), what,
                        partnerOf(payload)));
            }
        });
        return lines;
    }

    /** What a liaison may follow: the intake, and what concerns its own organisation's transfers. */
    List<Line> asSeenByPartner(String referralId, String partnerId) {
        return of(referralId).stream()
                .filter(line -> line.sequence() == 0 || partnerId.equals(line.partnerId()))
                .toList();
    }

    /** The case's reference, read from its first event; null when the case does not exist. */
    String reference(String referralId) {
        return events.readEvents(referralId).asStream().findFirst()
                .map(DomainEventMessage::getPayload)
                .filter(ReferralReceivedEvent.class::isInstance)
                .map(payload -> ((ReferralReceivedEvent) payload).reference())
                .orElse(null);
    }

    private String who(DomainEventMessage<?> event) {
        Object user = event.getMetaData().get(ActorMetadata.USER);
        Object role = event.getMetaData().get(ActorMetadata.ROLE);
        Object partner = event.getMetaData().get(ActorMetadata.PARTNER);
        return labels.person(user == null ? null : user.toString(), role == null ? null : role.toString(),
                partner == null ? null : partner.toString());
    }

    private static String partnerOf(Object payload) {
        if (payload instanceof TransferRequestedEvent e) {
            return e.partnerId();
        } else if (payload instanceof TransferAcknowledgedEvent e) {
            return e.partnerId();
        } else if (payload instanceof TransferAcceptedEvent e) {
            return e.partnerId();
        } else if (payload instanceof TransferDeclinedEvent e) {
            return e.partnerId();
        } else if (payload instanceof TransferCompletedEvent e) {
            return e.partnerId();
        } else if (payload instanceof TransferCancelledEvent e) {
            return e.partnerId();
        } else if (payload instanceof DeadlineRescheduledEvent e) {
            return e.partnerId();
        } else if (payload instanceof TransferAcknowledgementOverdueEvent e) {
            return e.partnerId();
        } else if (payload instanceof TransferMessagePostedEvent e) {
            return e.partnerId();
        } else if (payload instanceof NoticeOutcomeRecordedEvent e) {
            return e.partnerId();
        }
        // A re-routing names the next partner: the one it was taken from is not told where the case went.
        return null;
    }

    /** The sentence for one event, or null for an event that is no person's doing on the case. */
    String sentence(Object payload, Map<String, String> partnerOfTransfer) {
        if (payload instanceof ReferralReceivedEvent e) {
            return say("story.received", e.reference(), labels.of(e.channel()), labels.of(e.reporterRole()),
                    labels.of(e.ageBand()), labels.all(e.categories()));
        } else if (payload instanceof ReferralTriagedEvent e) {
            return say("story.triaged", labels.of(e.riskLevel()),
                    e.ageBand() == null ? say("story.unchanged") : labels.of(e.ageBand()),
                    e.categories() == null ? say("story.unchanged") : labels.all(e.categories()));
        } else if (payload instanceof CoordinatorAssignedEvent e) {
            return say("story.assigned", e.coordinator());
        } else if (payload instanceof ConsentGivenEvent) {
            return say("story.consentGiven");
        } else if (payload instanceof ConsentWithdrawnEvent) {
            return say("story.consentWithdrawn");
        } else if (payload instanceof TransferRequestedEvent e) {
            return say("story.transferRequested", labels.partner(e.partnerId()), labels.of(e.purpose()),
                    labels.of(e.legalBasis()), labels.all(e.sharedFields()), formats.precise(e.deadline()));
        } else if (payload instanceof TransferAcknowledgedEvent e) {
            return say(e.wasOverdue() ? "story.acknowledgedLate" : "story.acknowledged", labels.partner(e.partnerId()));
        } else if (payload instanceof TransferAcceptedEvent e) {
            return say("story.accepted", labels.partner(e.partnerId()));
        } else if (payload instanceof TransferDeclinedEvent e) {
            return say("story.declined", labels.partner(e.partnerId()));
        } else if (payload instanceof TransferCompletedEvent e) {
            return say("story.completed", labels.partner(e.partnerId()), labels.of(e.outcome()));
        } else if (payload instanceof TransferCancelledEvent e) {
            return say("story.cancelled", labels.partner(e.partnerId()));
        } else if (payload instanceof TransferReroutedEvent e) {
            return say("story.rerouted", labels.partner(partnerOfTransfer.get(e.transferId())),
                    labels.partner(partnerOfTransfer.get(e.reroutedTo())));
        } else if (payload instanceof DeadlineRescheduledEvent e) {
            return e.deadline() == null
                    ? say("story.deadlinePaused", labels.partner(e.partnerId()), labels.of(e.reason()))
                    : say("story.deadlineMoved", labels.partner(e.partnerId()), formats.precise(e.deadline()),
                    labels.of(e.reason()));
        } else if (payload instanceof TransferAcknowledgementOverdueEvent e) {
            return say("story.overdue", labels.partner(e.partnerId()), formats.precise(e.deadline()));
        } else if (payload instanceof ReferralClosedEvent e) {
            return e.duplicateOfReference() == null ? say("story.closed", labels.of(e.outcome()))
                    : say("story.closedAsDuplicate", e.duplicateOfReference());
        } else if (payload instanceof ReferralReopenedEvent) {
            return say("story.reopened");
        } else if (payload instanceof ReferralErasureRequestedEvent) {
            return say("story.erasure");
        } else if (payload instanceof NoteAddedEvent) {
            return say("story.note");
        } else if (payload instanceof TransferMessagePostedEvent e) {
            return say(e.side() == ConversationSide.PARTNER ? "story.messageFromPartner" : "story.messageToPartner",
                    labels.partner(e.partnerId()));
        } else if (payload instanceof PersonalDataRectifiedEvent e) {
            return say("story.rectified", labels.all(e.fields()));
        } else if (payload instanceof NoticeOutcomeRecordedEvent e) {
            return say("story.notice", labels.partner(e.partnerId()), e.noticeIndex() + 1, labels.of(e.outcome()));
        }
        return null;
    }

    private String say(String key, Object... arguments) {
        return labels.message(key, arguments);
    }
}
