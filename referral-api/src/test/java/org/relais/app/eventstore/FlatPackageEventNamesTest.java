package org.relais.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.ReferralClosedEvent;

/**
 * Every stored sample of every event, under the flat package name it was stored with before {@code core.api} was
 * split, reads through the application's upcasters as the current class at its current revision.
 */
class FlatPackageEventNamesTest {

    private static final Path SAMPLES = Path.of("../referral-core/src/test/resources/event-samples");
    private static final Pattern SAMPLE = Pattern.compile("(\\w+?)(?:-(\\d+))?\\.json");

    private final Jackson3Serializer serializer = Jackson3Serializer.builder().build();
    private final EventUpcasterChain upcasters = new EventUpcasterChain(new FlatPackageEventNames(),
            new AgreementTermsUpcaster(), new PersonalDataAccessedEventUpcaster(), new ReferralClosedEventUpcaster(),
            new TransferRequestedEventUpcaster());

    @Test
    void every_stored_sample_under_its_flat_name_reads_as_the_current_class_and_revision() throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.list(SAMPLES)) {
            samples = files.sorted().toList();
        }
        assertThat(samples).hasSizeGreaterThanOrEqualTo(31);
        for (Path sample : samples) {
            Matcher name = SAMPLE.matcher(sample.getFileName().toString());
            assertThat(name.matches()).as(sample.toString()).isTrue();
            String revision = name.group(2) == null ? "1" : name.group(2);
            String stored = FlatPackageEventNames.FLAT_PACKAGE + "." + name.group(1);

            IntermediateEventRepresentation read = upcast(stored, revision, Files.readString(sample));

            Class<?> current = serializer.classForType(read.getType());
            assertThat(current.getName()).as(stored).startsWith("org.relais.core.api.").isNotEqualTo(stored)
                    .endsWith("." + name.group(1));
            assertThat(read.getType().getRevision()).as(stored)
                    .isEqualTo(current.getAnnotation(Revision.class).value());
            Object event = serializer.deserialize(read.getData());
            assertThat(event).as(stored).isInstanceOf(current);
        }
    }

    @Test
    void a_name_from_the_current_package_and_types_that_never_lived_there_pass_unchanged() {
        IntermediateEventRepresentation current = upcast(ReferralClosedEvent.class.getName(), "2", """
                {"referralId": "r-2", "outcome": "DUPLICATE", "note": null, "duplicateOf": "r-1",
                 "duplicateOfReference": "R-2026-000001"}""");
        assertThat(current.getType().getName()).isEqualTo(ReferralClosedEvent.class.getName());

        IntermediateEventRepresentation foreign = upcast("org.relais.core.api.SomethingElse", "1", "{}");
        assertThat(foreign.getType().getName()).isEqualTo("org.relais.core.api.SomethingElse");
    }

    private IntermediateEventRepresentation upcast(String type, String revision, String payload) {
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>("Referral", "r", 3, "e-1",
                Instant.parse("2026-03-02T10:00:00Z"), type, revision, payload, "{}");
        List<IntermediateEventRepresentation> upcast = upcasters
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(upcast).hasSize(1);
        return upcast.get(0);
    }
}
