package org.relais.core.testing;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.eventhandling.EventMessage;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.relais.core.api.referral.ConsentGivenEvent;
import org.relais.core.api.referral.ConsentWithdrawnEvent;
import org.relais.core.api.referral.NoteAddedEvent;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralErasureRequestedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.SealedTextFields;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferMessagePostedEvent;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.privacy.PersonalDataProtector;

/**
 * Compares events whose free texts are sealed: sealed values are random, so each is checked to be sealed and bound to
 * its field (and a transfer's texts to their transfer, in format v2), opened, and the event compared with the expected
 * one written in clear.
 */
public final class Unsealed {

    private static final Map<Class<?>, Map<String, String>> SEALED = Map.ofEntries(
            Map.entry(ConsentGivenEvent.class, Map.of("givenBy", SealedTextFields.CONSENT_GIVEN_BY)),
            Map.entry(ConsentWithdrawnEvent.class, Map.of("givenBy", SealedTextFields.CONSENT_GIVEN_BY)),
            Map.entry(TransferRequestedEvent.class, Map.of("message", SealedTextFields.TRANSFER_MESSAGE)),
            Map.entry(TransferDeclinedEvent.class, Map.of("reason", SealedTextFields.DECLINE_REASON)),
            Map.entry(TransferCompletedEvent.class, Map.of("statementOfReasons", SealedTextFields.STATEMENT_OF_REASONS,
                    "note", SealedTextFields.COMPLETION_NOTE)),
            Map.entry(TransferCancelledEvent.class, Map.of("reason", SealedTextFields.CANCELLATION_REASON)),
            Map.entry(ReferralClosedEvent.class, Map.of("note", SealedTextFields.CLOSURE_NOTE)),
            Map.entry(ReferralReopenedEvent.class, Map.of("reason", SealedTextFields.REOPENING_REASON)),
            Map.entry(ReferralErasureRequestedEvent.class, Map.of("reason", SealedTextFields.ERASURE_REASON)),
            Map.entry(NoteAddedEvent.class, Map.of("text", SealedTextFields.NOTE)),
            Map.entry(TransferMessagePostedEvent.class, Map.of("text", SealedTextFields.CONVERSATION_MESSAGE)));

    /** Events whose texts belong to one transfer: sealed bound to it. */
    private static final Set<Class<?>> TRANSFER_TEXTS = Set.of(TransferRequestedEvent.class,
            TransferDeclinedEvent.class, TransferCompletedEvent.class, TransferCancelledEvent.class,
            TransferMessagePostedEvent.class);

    private Unsealed() {
    }

    /** The events, in order and no more, equal to {@code expected} once their sealed texts are opened. */
    public static Matcher<List<EventMessage<?>>> events(PersonalDataProtector protector, Object... expected) {
        List<Object> wanted = List.of(expected);
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> actual) {
                try {
                    return opened(protector, actual).equals(wanted);
                } catch (RuntimeException e) {
                    return false;
                }
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("events, once unsealed, ").appendValue(wanted);
            }

            @Override
            protected void describeMismatchSafely(List<EventMessage<?>> actual, Description mismatch) {
                try {
                    mismatch.appendText("were ").appendValue(opened(protector, actual));
                } catch (RuntimeException e) {
                    mismatch.appendText("could not be unsealed: ").appendText(e.getMessage());
                }
            }
        };
    }

    private static List<Object> opened(PersonalDataProtector protector, List<EventMessage<?>> actual) {
        return actual.stream().map(message -> open(protector, message.getPayload())).toList();
    }

    /** The event with each sealed text replaced by its clear text; fails if a value is in clear or mis-bound. */
    public static Object open(PersonalDataProtector protector, Object event) {
        Map<String, String> fields = SEALED.get(event.getClass());
        if (fields == null) {
            return event;
        }
        try {
            RecordComponent[] components = event.getClass().getRecordComponents();
            String subject = (String) event.getClass().getMethod("referralId").invoke(event);
            String transfer = TRANSFER_TEXTS.contains(event.getClass())
                    ? (String) event.getClass().getMethod("transferId").invoke(event) : null;
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                Object value = components[i].getAccessor().invoke(event);
                String field = fields.get(components[i].getName());
                if (field != null && value != null) {
                    String sealed = (String) value;
                    if (!sealed.startsWith(transfer == null ? "v1:" : "v2:")) {
                        throw new IllegalStateException(components[i].getName() + " is not sealed in its format");
                    }
                    value = (transfer == null ? protector.openText(subject, field, sealed)
                            : protector.openTransferText(subject, transfer, field, sealed)).orElse("<erased>");
                }
                values[i] = value;
            }
            Constructor<?> canonical = event.getClass().getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
