package org.relais.core.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relais.core.api.partner.AgreementAmendedEvent;
import org.relais.core.api.partner.AgreementResumedEvent;
import org.relais.core.api.partner.AgreementSignedEvent;
import org.relais.core.api.partner.AgreementSuspendedEvent;
import org.relais.core.api.partner.AgreementTerminatedEvent;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.Category;
import org.relais.core.api.partner.ClosurePeriod;
import org.relais.core.api.partner.LiaisonAttachedEvent;
import org.relais.core.api.partner.LiaisonDetachedEvent;
import org.relais.core.api.partner.OpeningPeriod;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.partner.PartnerRegisteredEvent;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.ShareableField;
import org.relais.core.api.partner.SlaKind;
import org.relais.core.api.TransferPurpose;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each partner event against a stored JSON sample, so that a change to a record that would break stored events
 * fails here first and calls for a new revision and an upcaster. The samples are what Jackson 3 writes with its
 * defaults: dates and times as ISO-8601 strings ({@code "2026-03-01"}, {@code "09:00:00"}), durations as ISO-8601
 * durations ({@code "PT4H"}), shareable fields by their JSON names, absent optional values as {@code null}.
 */
class PartnerEventSamplesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Sample(Object expected) {

        /** {@code Name.json} for revision 1, {@code Name-N.json} for a later revision N (the older sample stays, read
         * by the upcaster's test). */
        String file() {
            String revision = expected.getClass().getAnnotation(Revision.class).value();
            String name = expected.getClass().getSimpleName();
            return "/event-samples/" + (revision.equals("1") ? name : name + "-" + revision) + ".json";
        }

        @Override
        public String toString() {
            return expected.getClass().getSimpleName();
        }
    }

    static Stream<Sample> samples() {
        return Stream.of(
                new PartnerRegisteredEvent("p-helpline", "Helpline association", PartnerKind.HELPLINE),
                new AgreementSignedEvent("p-helpline", helplineTerms()),
                new AgreementAmendedEvent("p-platform", platformTerms()),
                new AgreementSuspendedEvent("p-helpline", "Audit of data handling"),
                new AgreementResumedEvent("p-helpline", "Audit passed"),
                new AgreementTerminatedEvent("p-helpline", "Association dissolved"),
                new LiaisonAttachedEvent("p-helpline", "helpline"),
                new LiaisonDetachedEvent("p-helpline", "helpline")).map(Sample::new);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void stored_sample_reads_as_the_expected_event(Sample sample) throws IOException {
        assertThat(JSON.readValue(read(sample), sample.expected().getClass())).isEqualTo(sample.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void event_is_written_exactly_as_the_stored_sample(Sample sample) throws IOException {
        JsonNode written = JSON.valueToTree(sample.expected());

        assertThat(written).isEqualTo(JSON.readTree(read(sample)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void event_survives_a_round_trip(Sample sample) {
        String written = JSON.writeValueAsString(sample.expected());

        assertThat(JSON.readValue(written, sample.expected().getClass())).isEqualTo(sample.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void event_carries_a_revision(Sample sample) {
        assertThat(sample.expected().getClass().getAnnotation(Revision.class)).isNotNull();
    }

    @Test
    void the_revision_1_agreement_samples_stay_for_the_upcasters() {
        assertThat(PartnerEventSamplesTest.class.getResource("/event-samples/AgreementSignedEvent.json")).isNotNull();
        assertThat(PartnerEventSamplesTest.class.getResource("/event-samples/AgreementAmendedEvent.json")).isNotNull();
    }

    @Test
    void resumption_without_a_reason_is_stored_with_a_null_reason() {
        AgreementResumedEvent resumed = new AgreementResumedEvent("p-helpline", null);

        assertThat(JSON.writeValueAsString(resumed)).isEqualTo("{\"partnerId\":\"p-helpline\",\"reason\":null}");
        assertThat(JSON.readValue("{\"partnerId\":\"p-helpline\"}", AgreementResumedEvent.class)).isEqualTo(resumed);
    }

    private static String read(Sample sample) throws IOException {
        try (InputStream in = PartnerEventSamplesTest.class.getResourceAsStream(sample.file())) {
            assertThat(in).as("sample " + sample.file()).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static AgreementTerms helplineTerms() {
        List<OpeningPeriod> everyDay = Stream.of(DayOfWeek.values())
                .map(day -> new OpeningPeriod(day, LocalTime.of(9, 0), LocalTime.of(23, 0)))
                .toList();
        return new AgreementTerms(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 1), null,
                Set.of(Category.NON_CONSENSUAL_IMAGERY, Category.CYBERHARASSMENT),
                Set.of(TransferPurpose.CONTENT_REMOVAL, TransferPurpose.PSYCHOLOGICAL_SUPPORT),
                Set.of(ShareableField.CONTENT_URLS),
                Duration.ofHours(4),
                new ServiceHours("Europe/Paris", false, everyDay),
                SlaKind.OPEN_HOURS,
                List.of(ClosurePeriod.day(LocalDate.of(2026, 5, 15)),
                        new ClosurePeriod(LocalDate.of(2026, 8, 3), LocalDate.of(2026, 8, 21))),
                "FR");
    }

    private static AgreementTerms platformTerms() {
        return new AgreementTerms(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2), LocalDate.of(2028, 12, 31),
                Set.of(Category.HATE_SPEECH, Category.CYBERHARASSMENT, Category.NON_CONSENSUAL_IMAGERY),
                Set.of(TransferPurpose.CONTENT_REMOVAL),
                Set.of(ShareableField.CONTENT_URLS),
                Duration.ofDays(2),
                new ServiceHours("Europe/Paris", false, List.of(
                        new OpeningPeriod(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)),
                        new OpeningPeriod(DayOfWeek.MONDAY, LocalTime.of(14, 0), LocalTime.of(18, 0)),
                        new OpeningPeriod(DayOfWeek.FRIDAY, LocalTime.of(22, 0), LocalTime.of(2, 0)))),
                SlaKind.WORKING_DAYS,
                List.of(),
                "FR-57");
    }
}
