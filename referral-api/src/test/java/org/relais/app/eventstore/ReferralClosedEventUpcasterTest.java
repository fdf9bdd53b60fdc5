package org.relais.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.ReferralClosedEvent;

class ReferralClosedEventUpcasterTest {

    /** The sample of revision 1, as ReferralEventSamplesTest keeps it next to the current one. */
    private static final Path REVISION_1_SAMPLE =
            Path.of("../referral-core/src/test/resources/event-samples/ReferralClosedEvent.json");

    private final Jackson3Serializer serializer = Jackson3Serializer.builder().build();

    @Test
    void a_revision_1_closure_becomes_revision_2_naming_no_duplicate() throws IOException {
        List<IntermediateEventRepresentation> upcast = upcast(Files.readString(REVISION_1_SAMPLE), "1");

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        ReferralClosedEvent event = serializer.deserialize(upcast.get(0).getData());
        assertThat(event).isEqualTo(new ReferralClosedEvent("0b6f3c2e-5d1a-4c1e-9f7e-3a2b1c0d9e8f",
                ClosureOutcome.REFERRED, "v1:q83vEjRWeJASNFZ4kBI0VniQEjRWeJASNFZ4", null, null));
    }

    @Test
    void a_revision_2_closure_is_left_as_it_is() {
        String stored = """
                {"referralId": "r-2", "outcome": "DUPLICATE", "note": null, "duplicateOf": "r-1",
                 "duplicateOfReference": "R-2026-000001"}""";

        List<IntermediateEventRepresentation> upcast = upcast(stored, "2");

        ReferralClosedEvent event = serializer.deserialize(upcast.get(0).getData());
        assertThat(event).isEqualTo(new ReferralClosedEvent("r-2", ClosureOutcome.DUPLICATE, null, "r-1",
                "R-2026-000001"));
    }

    private List<IntermediateEventRepresentation> upcast(String stored, String revision) {
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>("Referral", "r", 3, "e-1",
                Instant.parse("2026-03-02T10:00:00Z"), ReferralClosedEvent.class.getName(), revision, stored, "{}");
        return new ReferralClosedEventUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
    }
}
