package org.relais.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.relais.core.api.access.PersonalDataAccessedEvent;
import org.relais.core.api.ShareableField;

class PersonalDataAccessedEventUpcasterTest {

    private final Jackson3Serializer serializer = Jackson3Serializer.builder().build();

    @Test
    void a_revision_1_access_record_becomes_revision_2_with_no_texts() {
        String stored = """
                {"referralId": "r-1", "fields": ["victim.name", "narrative"], "purpose": "case review"}""";
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>(null, "e-1", 0, "e-1",
                java.time.Instant.parse("2026-03-02T10:00:00Z"), PersonalDataAccessedEvent.class.getName(), "1",
                stored, "{}");

        List<IntermediateEventRepresentation> upcast = new PersonalDataAccessedEventUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        PersonalDataAccessedEvent event = serializer.deserialize(upcast.get(0).getData());
        assertThat(event).isEqualTo(new PersonalDataAccessedEvent("r-1",
                Set.of(ShareableField.VICTIM_NAME, ShareableField.NARRATIVE), Set.of(), "case review"));
    }
}
