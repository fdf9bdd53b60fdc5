package org.relais.core.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.ConsentGivenEvent;
import org.relais.core.api.referral.ConsentWithdrawnEvent;
import org.relais.core.api.referral.ConversationSide;
import org.relais.core.api.referral.DeadlineRescheduleReason;
import org.relais.core.api.referral.DeadlineRescheduledEvent;
import org.relais.core.api.referral.CoordinatorAssignedEvent;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.NoteAddedEvent;
import org.relais.core.api.referral.NoticeOutcome;
import org.relais.core.api.referral.NoticeOutcomeRecordedEvent;
import org.relais.core.api.access.NotificationReadEvent;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.access.PersonalDataAccessedEvent;
import org.relais.core.api.referral.PersonalDataRectifiedEvent;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralErasureRequestedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.referral.SealedPersonalDetails;
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

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored events outlive the code: each event type is read from a JSON sample as it was first stored, and written back
 * to the same JSON. A rename, a removed field or a changed type breaks this test before it breaks the event store;
 * such a change needs a new @Revision and an upcaster, and a new sample next to the old one.
 */
class ReferralEventSamplesTest {

    private static final String R = "0b6f3c2e-5d1a-4c1e-9f7e-3a2b1c0d9e8f";
    private static final String T = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private static final String SEALED = "v1:q83vEjRWeJASNFZ4kBI0VniQEjRWeJASNFZ4";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Map<Class<?>, Object> samples() {
        Map<Class<?>, Object> samples = new LinkedHashMap<>();
        add(samples, new ReferralReceivedEvent(R, "R-2026-000123", Channel.ACCESSIBLE_SIGN_LANGUAGE,
                ReporterRole.PARENT_OR_GUARDIAN, AgeBand.AGE_11_14,
                EnumSet.of(Category.CYBERHARASSMENT, Category.NON_CONSENSUAL_IMAGERY),
                new SealedPersonalDetails(R, SEALED, SEALED, SEALED, null, SEALED, List.of(SEALED, SEALED))));
        add(samples, new ReferralTriagedEvent(R, RiskLevel.HIGH, EnumSet.of(Category.SEXTORTION), AgeBand.AGE_15_17));
        add(samples, new CoordinatorAssignedEvent(R, "coord-7"));
        add(samples, new ConsentGivenEvent(R, SEALED));
        add(samples, new ConsentWithdrawnEvent(R, SEALED));
        add(samples, new TransferRequestedEvent(R, T, "p-helpline", PartnerKind.HELPLINE,
                TransferPurpose.CONTENT_REMOVAL, LegalBasis.CONSENT, EnumSet.of(ShareableField.CONTENT_URLS), SEALED,
                Instant.parse("2026-03-02T14:00:00Z"), Duration.ofHours(4), new HostingService("Social Example", null),
                2));
        add(samples, new NoticeOutcomeRecordedEvent(R, T, "p-helpline", 1, NoticeOutcome.REFUSED,
                Instant.parse("2026-03-02T16:30:00Z"), "SoR-2026-00042"));
        add(samples, new TransferAcknowledgedEvent(R, T, "p-police", true));
        add(samples, new TransferAcceptedEvent(R, T, "p-police"));
        add(samples, new TransferDeclinedEvent(R, T, "p-police", SEALED));
        add(samples, new TransferCompletedEvent(R, T, "p-platform", TransferOutcome.REFUSED, SEALED, null));
        add(samples, new TransferCancelledEvent(R, T, "p-police", SEALED));
        add(samples, new TransferAcknowledgementOverdueEvent(R, T, "p-police", Instant.parse("2026-03-02T14:00:00Z")));
        add(samples, new ReferralClosedEvent(R, ClosureOutcome.DUPLICATE, SEALED,
                "5e2b7f1a-0c3d-4e8f-9a1b-2c3d4e5f6a7b", "R-2026-000098"));
        add(samples, new TransferReroutedEvent(R, T, "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"));
        add(samples, new ReferralReopenedEvent(R, SEALED));
        add(samples, new ReferralErasureRequestedEvent(R, null));
        add(samples, new NoteAddedEvent(R, "5f0c8a52-1b8e-4d7a-9c61-2e3f4a5b6c7d", SEALED));
        add(samples, new TransferMessagePostedEvent(R, T, "p-police", "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
                ConversationSide.PARTNER, SEALED));
        add(samples, new NotificationReadEvent("3f2e1d0c-9b8a-4f6e-8d7c-6b5a4f3e2d1c"));
        add(samples, new PersonalDataRectifiedEvent(R, EnumSet.of(ShareableField.VICTIM_CONTACT,
                ShareableField.NARRATIVE), new SealedPersonalDetails(R, null, SEALED, null, null, SEALED, null)));
        add(samples, new PersonalDataAccessedEvent(R, EnumSet.of(ShareableField.VICTIM_NAME, ShareableField.NARRATIVE,
                ShareableField.CONTENT_URLS), Set.of(PersonalDataAccessedEvent.textOf(
                        "transfer.message", T), "referral.closureNote"), "case review"));
        add(samples, new DeadlineRescheduledEvent(R, T, "p-police", DeadlineRescheduleReason.SUSPENDED, null,
                Duration.ofMinutes(150)));
        return samples;
    }

    private static void add(Map<Class<?>, Object> samples, Object event) {
        samples.put(event.getClass(), event);
    }

    /**
     * The sample of each event's current revision: {@code Name.json} for revision 1, {@code Name-N.json} for a later
     * revision N (the older samples stay, read by the upcasters' tests).
     */
    static Stream<Arguments> events() {
        return samples().entrySet().stream().map(e -> Arguments.of(sampleName(e.getKey()), e.getValue()));
    }

    private static String sampleName(Class<?> event) {
        String revision = event.getAnnotation(Revision.class).value();
        return revision.equals("1") ? event.getSimpleName() : event.getSimpleName() + "-" + revision;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void stored_sample_reads_as_the_expected_event_and_writes_back_the_same(String name, Object expected)
            throws IOException {
        JsonNode stored = read(name);

        Object event = JSON.treeToValue(stored, expected.getClass());

        assertThat(event).isEqualTo(expected);
        assertThat(JSON.readValue(JSON.writeValueAsString(event), expected.getClass())).isEqualTo(expected);
        JsonNode written = JSON.valueToTree(event);
        assertThat((Object) written).isEqualTo(stored);
    }

    @Test
    void every_event_of_the_contract_is_revisioned_and_has_a_sample() {
        List<JavaClass> events = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.relais.core.api")
                .stream()
                .filter(c -> c.getSimpleName().endsWith("Event") && c.getPackageName().equals("org.relais.core.api"))
                .toList();
        Set<String> withSamples = samples().keySet().stream().map(Class::getSimpleName)
                .collect(java.util.stream.Collectors.toSet());

        assertThat(events).isNotEmpty().allSatisfy(event -> {
            assertThat(event.isAnnotatedWith(Revision.class)).as(event.getSimpleName() + " has @Revision").isTrue();
            if (event.getSimpleName().startsWith("Referral") || event.getSimpleName().startsWith("Transfer")
                    || event.getSimpleName().startsWith("Consent")
                    || event.getSimpleName().startsWith("Coordinator")) {
                assertThat(withSamples).as("a sample of " + event.getSimpleName()).contains(event.getSimpleName());
            }
        });
    }

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = ReferralEventSamplesTest.class.getResourceAsStream("/event-samples/" + name + ".json")) {
            assertThat(in).as("sample event-samples/" + name + ".json").isNotNull();
            return JSON.readTree(in);
        }
    }
}
