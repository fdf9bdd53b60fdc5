package org.relais.app.eventstore;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.relais.core.api.access.NotificationReadEvent;
import org.relais.core.api.access.PersonalDataAccessedEvent;
import org.relais.core.api.partner.AgreementAmendedEvent;
import org.relais.core.api.partner.AgreementResumedEvent;
import org.relais.core.api.partner.AgreementSignedEvent;
import org.relais.core.api.partner.AgreementSuspendedEvent;
import org.relais.core.api.partner.AgreementTerminatedEvent;
import org.relais.core.api.partner.LiaisonAttachedEvent;
import org.relais.core.api.partner.LiaisonDetachedEvent;
import org.relais.core.api.partner.PartnerRegisteredEvent;
import org.relais.core.api.referral.ConsentGivenEvent;
import org.relais.core.api.referral.ConsentWithdrawnEvent;
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
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reads the events stored while every message type of the core lived in one flat package, {@code org.relais.core.api},
 * under the name of the package each lives in now ({@code api.referral}, {@code api.partner}, {@code api.access}). The
 * stored rows keep their names and revisions untouched, so the integrity chain over them stays valid; only the
 * representation read from them is renamed, before any revision upcaster looks at it. This list is history: it names
 * the events that existed when the package was split, and an event added later never needs to be in it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FlatPackageEventNames extends SingleEventUpcaster {

    /** The package every event type was stored under before the split. */
    static final String FLAT_PACKAGE = "org.relais.core.api";

    private static final List<Class<?>> MOVED = List.of(
            ConsentGivenEvent.class,
            ConsentWithdrawnEvent.class,
            CoordinatorAssignedEvent.class,
            DeadlineRescheduledEvent.class,
            NoteAddedEvent.class,
            NoticeOutcomeRecordedEvent.class,
            PersonalDataRectifiedEvent.class,
            ReferralClosedEvent.class,
            ReferralErasureRequestedEvent.class,
            ReferralReceivedEvent.class,
            ReferralReopenedEvent.class,
            ReferralTriagedEvent.class,
            TransferAcceptedEvent.class,
            TransferAcknowledgedEvent.class,
            TransferAcknowledgementOverdueEvent.class,
            TransferCancelledEvent.class,
            TransferCompletedEvent.class,
            TransferDeclinedEvent.class,
            TransferMessagePostedEvent.class,
            TransferRequestedEvent.class,
            TransferReroutedEvent.class,
            AgreementAmendedEvent.class,
            AgreementResumedEvent.class,
            AgreementSignedEvent.class,
            AgreementSuspendedEvent.class,
            AgreementTerminatedEvent.class,
            LiaisonAttachedEvent.class,
            LiaisonDetachedEvent.class,
            PartnerRegisteredEvent.class,
            NotificationReadEvent.class,
            PersonalDataAccessedEvent.class);

    private static final Map<String, String> CURRENT_NAME = MOVED.stream().collect(Collectors.toUnmodifiableMap(
            type -> FLAT_PACKAGE + "." + type.getSimpleName(), Class::getName));

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return CURRENT_NAME.containsKey(representation.getType().getName());
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        SimpleSerializedType renamed = new SimpleSerializedType(
                CURRENT_NAME.get(representation.getType().getName()), representation.getType().getRevision());
        Class contentType = representation.getData().getContentType();
        return representation.upcastPayload(renamed, contentType, Function.identity());
    }
}
