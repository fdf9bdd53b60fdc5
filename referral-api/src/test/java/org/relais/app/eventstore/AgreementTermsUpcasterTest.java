package org.relais.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.relais.core.api.partner.AgreementAmendedEvent;
import org.relais.core.api.partner.AgreementSignedEvent;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.partner.ClosurePeriod;
import org.relais.core.api.partner.SlaKind;
import org.relais.core.api.partner.SuspendAgreementCommand;

class AgreementTermsUpcasterTest {

    /** The samples of revision 1, as PartnerEventSamplesTest keeps them next to the current ones. */
    private static final Path SAMPLES = Path.of("../referral-core/src/test/resources/event-samples");

    private final Jackson3Serializer serializer = Jackson3Serializer.builder().build();

    @Test
    void a_revision_1_signature_reads_as_open_hours_with_no_closure_and_no_holidays() throws IOException {
        List<IntermediateEventRepresentation> upcast = upcast(AgreementSignedEvent.class,
                Files.readString(SAMPLES.resolve("AgreementSignedEvent.json")), "1");

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        AgreementSignedEvent event = serializer.deserialize(upcast.get(0).getData());
        AgreementTerms terms = event.terms();
        assertThat(event.partnerId()).isEqualTo("p-helpline");
        assertThat(terms.slaKind()).isEqualTo(SlaKind.OPEN_HOURS);
        assertThat(terms.closures()).isEmpty();
        assertThat(terms.holidayCalendar()).isNull();
        assertThat(terms.acknowledgementSla()).isEqualTo(Duration.ofHours(4));
        assertThat(terms.serviceHours().periods()).hasSize(7);
    }

    @Test
    void a_revision_1_amendment_reads_the_same_way() throws IOException {
        List<IntermediateEventRepresentation> upcast = upcast(AgreementAmendedEvent.class,
                Files.readString(SAMPLES.resolve("AgreementAmendedEvent.json")), "1");

        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        AgreementAmendedEvent event = serializer.deserialize(upcast.get(0).getData());
        assertThat(event.terms().slaKind()).isEqualTo(SlaKind.OPEN_HOURS);
        assertThat(event.terms().closures()).isEmpty();
        assertThat(event.terms().holidayCalendar()).isNull();
        assertThat(event.terms().acknowledgementSla()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a_revision_2_agreement_is_left_as_it_is() throws IOException {
        List<IntermediateEventRepresentation> upcast = upcast(AgreementSignedEvent.class,
                Files.readString(SAMPLES.resolve("AgreementSignedEvent-2.json")), "2");

        AgreementSignedEvent event = serializer.deserialize(upcast.get(0).getData());
        assertThat(event.terms().holidayCalendar()).isEqualTo("FR");
        assertThat(event.terms().closures()).hasSize(2).first()
                .isEqualTo(new ClosurePeriod(LocalDate.of(2026, 5, 15), LocalDate.of(2026, 5, 15)));
    }

    @Test
    void other_events_pass_untouched() {
        String stored = "{\"partnerId\":\"p-1\",\"reason\":\"audit\"}";

        List<IntermediateEventRepresentation> upcast = upcast(SuspendAgreementCommand.class, stored, "1");

        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("1");
        assertThat(upcast.get(0).getData(String.class).getData()).isEqualTo(stored);
    }

    private List<IntermediateEventRepresentation> upcast(Class<?> type, String stored, String revision) {
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>("Partner", "p", 1, "e-1",
                Instant.parse("2026-03-02T10:00:00Z"), type.getName(), revision, stored, "{}");
        return new AgreementTermsUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
    }
}
