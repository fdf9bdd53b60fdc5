package org.relais.app.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Intakes;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The chain and the seals come from the event stream, not from the JDBC event table: with another event store (here
 * Axon's in-memory engine, standing for Axon Server, which no test here can run) every event is sealed, chained and
 * verified, and an event changed in that store, or slipped into it behind the application's back, is named.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import(ChainOnAnyEventStoreTest.OtherEventStore.class)
class ChainOnAnyEventStoreTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("other-store").toString());
        registry.add("relais.read-side.embedded", () -> "memory");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class OtherEventStore {

        @Bean
        TamperableStore eventStorageEngine() {
            return new TamperableStore();
        }
    }

    /** Axon's in-memory engine, whose delivered events the test can change as someone with access to a store could. */
    static class TamperableStore extends InMemoryEventStorageEngine {

        final Map<String, Map<String, String>> alteredMetaData = new ConcurrentHashMap<>();

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            return super.readEvents(trackingToken, mayBlock).map(this::asStoredNow);
        }

        private TrackedEventMessage<?> asStoredNow(TrackedEventMessage<?> event) {
            Map<String, String> altered = alteredMetaData.get(event.getIdentifier());
            return altered == null ? event : (TrackedEventMessage<?>) event.andMetaData(altered);
        }

        long count() {
            return super.readEvents(null, false).count();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStorageEngine engine;

    @Test
    void events_of_another_store_are_sealed_chained_and_verified_and_a_change_in_that_store_is_named() {
        TamperableStore store = (TamperableStore) engine;
        ApiClient api = new ApiClient(port);
        assertThat(api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("Elsewhere"))
                .status()).isEqualTo(201);
        long events = store.count();
        await().atMost(Duration.ofSeconds(20)).until(
                () -> jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain", Long.class) >= events);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class))
                .as("nothing in the JDBC event table").isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM event_seal", Long.class)).isEqualTo(events);

        JsonNode clean = api.get("/api/audit/verification", "auditor").json();
        assertThat(clean.get("valid").asBoolean()).as(clean.toString()).isTrue();
        assertThat(clean.get("checked").asLong()).isEqualTo(events);

        TrackedEventMessage<?> victim = store.readEvents(null, false).skip(events - 1).findFirst().orElseThrow();
        store.alteredMetaData.put(victim.getIdentifier(), Map.of("actorUser", "mallory"));
        JsonNode altered = api.get("/api/audit/verification", "auditor").json();
        assertThat(altered.get("valid").asBoolean()).isFalse();
        assertThat(altered.get("reason").asString()).isEqualTo("EVENT_ALTERED");
        assertThat(altered.get("firstBrokenAt").asLong())
                .isEqualTo(victim.trackingToken().position().orElseThrow());
        store.alteredMetaData.clear();

        // appended to the store without going through the application: chained from the stream, but never sealed
        store.appendEvents(GenericEventMessage.asEventMessage("forged"));
        long forgedAt = store.readEvents(null, false).skip(events).findFirst().orElseThrow().trackingToken()
                .position().orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(
                () -> jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain", Long.class) > events);
        JsonNode forged = api.get("/api/audit/verification", "auditor").json();
        assertThat(forged.get("valid").asBoolean()).isFalse();
        assertThat(forged.get("reason").asString()).isEqualTo("EVENT_NOT_SEALED");
        assertThat(forged.get("firstBrokenAt").asLong()).isEqualTo(forgedAt);
    }
}
