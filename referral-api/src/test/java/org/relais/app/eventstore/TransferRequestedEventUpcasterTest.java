package org.relais.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;

class TransferRequestedEventUpcasterTest {

    /** The sample of revision 1, as ReferralEventSamplesTest keeps it next to the current one. */
    private static final Path REVISION_1_SAMPLE =
            Path.of("../referral-core/src/test/resources/event-samples/TransferRequestedEvent.json");

    private final Jackson3Serializer serializer = Jackson3Serializer.builder().build();

    @Test
    void a_revision_1_request_becomes_revision_2_naming_no_hosting_service_and_counting_no_notice() throws IOException {
        List<IntermediateEventRepresentation> upcast = upcast(Files.readString(REVISION_1_SAMPLE), "1");

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        TransferRequestedEvent event = serializer.deserialize(upcast.get(0).getData());
        assertThat(event).isEqualTo(new TransferRequestedEvent("0b6f3c2e-5d1a-4c1e-9f7e-3a2b1c0d9e8f",
                "7c9e6679-7425-40de-944b-e07fc1f90ae7", "p-police", PartnerKind.POLICE, TransferPurpose.INVESTIGATION,
                LegalBasis.MANDATORY_REPORT, EnumSet.of(ShareableField.VICTIM_NAME, ShareableField.NARRATIVE),
                "v1:q83vEjRWeJASNFZ4kBI0VniQEjRWeJASNFZ4", Instant.parse("2026-03-02T14:00:00Z"), Duration.ofHours(4),
                null, null));
    }

    @Test
    void a_revision_1_content_removal_reads_with_its_hosting_service_unknown() {
        String stored = """
                {"referralId": "r-1", "transferId": "t-1", "partnerId": "p-helpline", "partnerKind": "HELPLINE",
                 "purpose": "CONTENT_REMOVAL", "legalBasis": "CONSENT", "sharedFields": ["contentUrls"],
                 "message": null, "deadline": "2026-03-02T14:00:00Z", "sla": "PT4H"}""";

        TransferRequestedEvent event = serializer.deserialize(upcast(stored, "1").get(0).getData());

        assertThat(event.purpose()).isEqualTo(TransferPurpose.CONTENT_REMOVAL);
        assertThat(event.hostingService()).isNull();
        assertThat(event.noticeCount()).isNull();
    }

    @Test
    void a_revision_2_request_is_left_as_it_is() {
        String stored = """
                {"referralId": "r-1", "transferId": "t-1", "partnerId": "p-helpline", "partnerKind": "HELPLINE",
                 "purpose": "CONTENT_REMOVAL", "legalBasis": "CONSENT", "sharedFields": ["contentUrls"],
                 "message": null, "deadline": "2026-03-02T14:00:00Z", "sla": "PT4H",
                 "hostingService": {"name": "Social Example", "partnerId": null}, "noticeCount": 3}""";

        TransferRequestedEvent event = serializer.deserialize(upcast(stored, "2").get(0).getData());

        assertThat(event.hostingService()).isEqualTo(new HostingService("Social Example", null));
        assertThat(event.noticeCount()).isEqualTo(3);
    }

    private List<IntermediateEventRepresentation> upcast(String stored, String revision) {
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>("Referral", "r", 3, "e-1",
                Instant.parse("2026-03-02T10:00:00Z"), TransferRequestedEvent.class.getName(), revision, stored, "{}");
        return new TransferRequestedEventUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
    }
}
