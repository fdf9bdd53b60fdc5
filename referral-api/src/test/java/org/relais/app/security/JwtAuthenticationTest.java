package org.relais.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relais.core.api.ActorMetadata;
import org.relais.app.support.HttpCall;
import org.relais.app.support.LogCapture;
import org.relais.app.support.PersonalData;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production authentication: JWTs of an OpenID Connect issuer, verified against its key set (served here by a
 * loopback HTTP server from a freshly generated RSA key), with the role and partner taken from claims and the
 * identity from issuer and subject. A token that is expired, from another issuer, for another audience (or none) or
 * signed by another key is a 401 problem; a valid token naming no Relais role gets nothing (403). HTTP Basic for
 * configured users keeps working beside it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "fast-passwords"})
@ExtendWith(LogCapture.class)
class JwtAuthenticationTest {

    static final String ISSUER = "https://idp.relais.test/realms/relais";
    static final String AUDIENCE = "relais-api";
    static final String ISSUER_PART = "idp.relais.test:realms:relais";
    static final String LIAISON_SUBJECT = "5f0c6a1e-platform-liaison";
    static final RSAKey KEY = generate("relais-test");
    static final RSAKey IMPOSTOR = generate("relais-test");
    static final HttpServer JWKS = jwks();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("jwt").toString());
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks");
        registry.add("relais.security.jwt.audience", () -> AUDIENCE);
    }

    @AfterAll
    static void stopKeySet() {
        JWKS.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @BeforeEach
    void attachTheJwtLiaisonToThePlatform() {
        // The directory says what a liaison may reach: the JWT liaison's identity is attached like any other.
        HttpCall.Reply attached = HttpCall.post(port, "/api/partners/demo-platform/liaisons").as("admin")
                .json("{\"username\": \"" + LIAISON_SUBJECT + "@" + ISSUER_PART + "\"}").send();
        assertThat(attached.status()).as(attached.toString()).isIn(200, 409);
    }

    @Test
    void a_valid_token_acts_as_its_issuer_and_subject_with_the_role_of_its_claims() {
        String referralId = intakeAs(Map.of("sub", "8d9e2c71", "preferred_username", "c.martin",
                "relais_role", "COORDINATOR"));

        DomainEventMessage<?> received = eventStore.readEvents(referralId).next();
        assertThat(received.getMetaData()).containsEntry(ActorMetadata.USER, "8d9e2c71@" + ISSUER_PART)
                .containsEntry(ActorMetadata.ROLE, "COORDINATOR");
        assertThat(received.getMetaData().values()).doesNotContain("c.martin");
    }

    @Test
    void the_display_name_neither_identifies_nor_is_recorded() {
        // The same person renamed at the provider stays the same actor; another person taking the old name does not
        // become them.
        String before = intakeAs(Map.of("sub", "0a1b2c3d", "preferred_username", "c.martin", "relais_role",
                "COORDINATOR"));
        String renamed = intakeAs(Map.of("sub", "0a1b2c3d", "preferred_username", "c.martin-durand", "relais_role",
                "COORDINATOR"));
        String namesake = intakeAs(Map.of("sub", "ffee0099", "preferred_username", "c.martin", "relais_role",
                "COORDINATOR"));

        assertThat(recordedUser(before)).isEqualTo("0a1b2c3d@" + ISSUER_PART);
        assertThat(recordedUser(renamed)).isEqualTo(recordedUser(before));
        assertThat(recordedUser(namesake)).isEqualTo("ffee0099@" + ISSUER_PART);
    }

    @Test
    void a_token_without_a_subject_gets_nothing() {
        String token = token(KEY, ISSUER, AUDIENCE, Map.of("sub", " ", "relais_role", "AUDITOR"),
                Instant.now().plusSeconds(300));
        assertThat(HttpCall.get(port, "/api/partners").bearer(token).send().status()).isEqualTo(403);
    }

    @Test
    void a_jwt_liaison_reads_its_own_partners_inbox_and_no_other() {
        String referralId = HttpCall.post(port, "/api/referrals").as("coordinator").json(PersonalData.intake()).send()
                .text("referralId");
        HttpCall.post(port, "/api/referrals/" + referralId + "/triage").as("coordinator")
                .json("{\"riskLevel\": \"HIGH\"}").send();
        HttpCall.post(port, "/api/referrals/" + referralId + "/consent").as("coordinator")
                .json("{\"givenBy\": \"the victim\"}").send();
        HttpCall.Reply transfer = HttpCall.post(port, "/api/referrals/" + referralId + "/transfers").as("coordinator")
                .json("""
                        {"partnerId": "demo-platform", "purpose": "CONTENT_REMOVAL", "legalBasis": "CONSENT",
                         "sharedFields": ["contentUrls"]}""").send();
        assertThat(transfer.status()).as(transfer.toString()).isEqualTo(201);

        HttpCall.Reply inbox = await().until(() -> HttpCall.get(port, "/api/partners/demo-platform/inbox?size=200")
                .bearer(liaisonOf("demo-platform")).send(), reply -> reply.status() != 200
                || reply.body().contains(transfer.text("transferId")));
        HttpCall.Reply otherInbox = HttpCall.get(port, "/api/partners/demo-police-minors/inbox")
                .bearer(liaisonOf("demo-platform")).send();
        HttpCall.Reply claimingOther = HttpCall.get(port, "/api/partners/demo-police-minors/inbox")
                .bearer(liaisonOf("demo-police-minors")).send();

        assertThat(inbox.status()).as(inbox.toString()).isEqualTo(200);
        assertThat(inbox.body()).contains(transfer.text("transferId"));
        assertThat(otherInbox.status()).as(otherInbox.toString()).isEqualTo(403);
        assertThat(otherInbox.json().get("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(claimingOther.status()).as("a partner claim the directory does not back").isEqualTo(403);
    }

    @Test
    void the_directory_matches_a_jwt_liaison_by_issuer_and_subject_not_by_display_name() {
        String identity = LIAISON_SUBJECT + "@" + ISSUER_PART;
        String inbox = "/api/partners/demo-platform/inbox";
        String namesake = token(KEY, ISSUER, AUDIENCE, Map.of("sub", "another-person",
                "preferred_username", "t.s@platform.example", "relais_role", "LIAISON",
                "relais_partner", "demo-platform"), Instant.now().plusSeconds(300));
        assertThat(HttpCall.get(port, inbox).bearer(liaisonOf("demo-platform")).send().status()).isEqualTo(200);
        assertThat(HttpCall.get(port, inbox).bearer(namesake).send().status()).as("same display name, not attached")
                .isEqualTo(403);

        HttpCall.Reply detached = HttpCall.post(port, "/api/partners/demo-platform/liaisons/" + identity
                + "/detachment").as("admin").send();

        assertThat(detached.status()).as(detached.toString()).isEqualTo(200);
        assertThat(HttpCall.get(port, inbox).bearer(liaisonOf("demo-platform")).send().status()).isEqualTo(403);
    }

    @Test
    void a_liaison_token_answers_only_its_own_partners_transfers() {
        String referralId = HttpCall.post(port, "/api/referrals").as("coordinator").json(PersonalData.intake()).send()
                .text("referralId");
        HttpCall.post(port, "/api/referrals/" + referralId + "/triage").as("coordinator")
                .json("{\"riskLevel\": \"HIGH\"}").send();
        HttpCall.post(port, "/api/referrals/" + referralId + "/consent").as("coordinator")
                .json("{\"givenBy\": \"the victim\"}").send();
        String transferId = HttpCall.post(port, "/api/referrals/" + referralId + "/transfers").as("coordinator")
                .json("""
                        {"partnerId": "demo-platform", "purpose": "CONTENT_REMOVAL", "legalBasis": "CONSENT",
                         "sharedFields": ["contentUrls"]}""").send().text("transferId");
        String path = "/api/referrals/" + referralId + "/transfers/" + transferId + "/acknowledgement";

        HttpCall.Reply otherPartner = HttpCall.post(port, path).bearer(liaisonOf("demo-police-minors")).send();
        HttpCall.Reply ownPartner = HttpCall.post(port, path).bearer(liaisonOf("demo-platform")).send();

        assertThat(otherPartner.status()).as(otherPartner.toString()).isEqualTo(404);
        assertThat(ownPartner.status()).as(ownPartner.toString()).isEqualTo(200);
        assertThat(eventStore.readEvents(referralId).asStream().toList().get(4).getMetaData())
                .containsEntry(ActorMetadata.PARTNER, "demo-platform")
                .containsEntry(ActorMetadata.USER, LIAISON_SUBJECT + "@" + ISSUER_PART);
    }

    @Test
    void an_expired_token_is_401() {
        assertUnauthenticated(token(KEY, ISSUER, coordinator(), Instant.now().minusSeconds(600)));
    }

    @Test
    void a_token_of_another_issuer_is_401() {
        assertUnauthenticated(token(KEY, "https://evil.example/realms/relais", AUDIENCE, coordinator(),
                Instant.now().plusSeconds(300)));
    }

    @Test
    void a_token_issued_for_another_application_is_401() {
        assertUnauthenticated(token(KEY, ISSUER, "another-app", coordinator(), Instant.now().plusSeconds(300)));
    }

    @Test
    void a_token_without_an_audience_is_401() {
        assertUnauthenticated(token(KEY, ISSUER, null, coordinator(), Instant.now().plusSeconds(300)));
    }

    @Test
    void a_token_signed_by_another_key_is_401() {
        assertUnauthenticated(token(IMPOSTOR, ISSUER, coordinator(), Instant.now().plusSeconds(300)));
    }

    @Test
    void a_malformed_or_unsigned_token_is_401() {
        assertUnauthenticated("not-a-jwt");
        String valid = token(KEY, ISSUER, coordinator(), Instant.now().plusSeconds(300));
        String[] parts = valid.split("\\.");
        assertUnauthenticated("eyJhbGciOiJub25lIn0." + parts[1] + ".");
    }

    @Test
    void a_valid_token_without_a_relais_role_gets_nothing() {
        for (Map<String, Object> claims : List.<Map<String, Object>>of(
                Map.of("preferred_username", "someone"),
                Map.of("preferred_username", "someone", "relais_role", "SUPERUSER"),
                Map.of("preferred_username", "someone", "relais_role", List.of("ADMIN", "COORDINATOR")),
                Map.of("preferred_username", "someone", "relais_role", "LIAISON"))) {
            String token = token(KEY, ISSUER, claims, Instant.now().plusSeconds(300));
            HttpCall.Reply list = HttpCall.get(port, "/api/partners").bearer(token).send();
            assertThat(list.status()).as(claims + " " + list).isEqualTo(403);
            assertThat(list.json().get("code").asString()).isEqualTo("FORBIDDEN");
        }
        assertThat(HttpCall.get(port, "/api/partners").bearer(token(KEY, ISSUER, Map.of("sub", "x",
                "relais_role", List.of("ROLE_AUDITOR")), Instant.now().plusSeconds(300))).send().status())
                .isEqualTo(200);
    }

    @Test
    void an_anonymous_call_is_challenged_for_both_ways_to_sign_in() {
        HttpCall.Reply reply = HttpCall.get(port, "/api/partners").send();
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.headers().entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(
                "WWW-Authenticate")).flatMap(header -> header.getValue().stream()).toList())
                .containsExactlyInAnyOrder("Basic realm=\"Relais API\", charset=\"UTF-8\"",
                        "Bearer realm=\"Relais API\"");
    }

    @Test
    void configured_users_still_sign_in_with_basic() {
        assertThat(HttpCall.get(port, "/api/partners").as("auditor").send().status()).isEqualTo(200);
    }

    private void assertUnauthenticated(String token) {
        HttpCall.Reply reply = HttpCall.post(port, "/api/referrals").bearer(token).json(PersonalData.intake()).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(reply.body()).doesNotContain("Jwt", "expired", "issuer", "signature", "Exception");
    }

    private static Map<String, Object> coordinator() {
        return Map.of("preferred_username", "c.martin", "relais_role", "COORDINATOR");
    }

    private String intakeAs(Map<String, Object> claims) {
        HttpCall.Reply intake = HttpCall.post(port, "/api/referrals")
                .bearer(token(KEY, ISSUER, AUDIENCE, claims, Instant.now().plusSeconds(300)))
                .json(PersonalData.intake()).send();
        assertThat(intake.status()).as(intake.toString()).isEqualTo(201);
        return intake.text("referralId");
    }

    private String recordedUser(String referralId) {
        return String.valueOf(eventStore.readEvents(referralId).next().getMetaData().get(ActorMetadata.USER));
    }

    private static String liaisonOf(String partner) {
        return token(KEY, ISSUER, AUDIENCE, Map.of("sub", LIAISON_SUBJECT, "preferred_username",
                "t.s@platform.example", "relais_role", "LIAISON", "relais_partner", partner),
                Instant.now().plusSeconds(300));
    }

    static String token(RSAKey key, String issuer, Map<String, Object> claims, Instant expiry) {
        return token(key, issuer, AUDIENCE, claims, expiry);
    }

    /** A signed token; {@code audience} null leaves the claim out, a {@code sub} among the claims replaces the default. */
    static String token(RSAKey key, String issuer, String audience, Map<String, Object> claims, Instant expiry) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer(issuer).subject("subject-" + claims.hashCode())
                .issueTime(Date.from(expiry.minusSeconds(900))).expirationTime(Date.from(expiry));
        if (audience != null) {
            set.audience(audience);
        }
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                set.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwks() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] keys = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, keys.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(keys);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
