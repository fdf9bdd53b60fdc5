package org.relais.web.security;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relais.core.api.ActorMetadata;
import org.relais.web.support.HttpCall;
import org.relais.web.support.LogCapture;
import org.relais.web.support.PersonalData;
import org.relais.web.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production authentication: JWTs of an OpenID Connect issuer, verified against its key set (served here by a
 * loopback HTTP server from a freshly generated RSA key), with the role and partner taken from claims. A token that
 * is expired, from another issuer or signed by another key is a 401 problem; a valid token naming no Relais role
 * gets nothing (403). HTTP Basic for configured users keeps working beside it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "fast-passwords"})
@ExtendWith(LogCapture.class)
class JwtAuthenticationTest {

    static final String ISSUER = "https://idp.relais.test/realms/relais";
    static final RSAKey KEY = generate("relais-test");
    static final RSAKey IMPOSTOR = generate("relais-test");
    static final HttpServer JWKS = jwks();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("jwt").toString());
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks");
    }

    @AfterAll
    static void stopKeySet() {
        JWKS.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Test
    void a_valid_token_acts_with_the_role_and_user_of_its_claims() {
        HttpCall.Reply intake = HttpCall.post(port, "/api/referrals")
                .bearer(token(KEY, ISSUER, Map.of("preferred_username", "c.martin", "relais_role", "COORDINATOR"),
                        Instant.now().plusSeconds(300)))
                .json(PersonalData.intake()).send();

        assertThat(intake.status()).as(intake.toString()).isEqualTo(201);
        DomainEventMessage<?> received = eventStore.readEvents(intake.text("referralId")).next();
        assertThat(received.getMetaData()).containsEntry(ActorMetadata.USER, "c.martin")
                .containsEntry(ActorMetadata.ROLE, "COORDINATOR");
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
                .containsEntry(ActorMetadata.USER, "t.s@platform.example");
    }

    @Test
    void an_expired_token_is_401() {
        assertUnauthenticated(token(KEY, ISSUER, coordinator(), Instant.now().minusSeconds(600)));
    }

    @Test
    void a_token_of_another_issuer_is_401() {
        assertUnauthenticated(token(KEY, "https://evil.example/realms/relais", coordinator(),
                Instant.now().plusSeconds(300)));
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

    private static String liaisonOf(String partner) {
        return token(KEY, ISSUER, Map.of("preferred_username", "t.s@platform.example", "relais_role", "LIAISON",
                "relais_partner", partner), Instant.now().plusSeconds(300));
    }

    static String token(RSAKey key, String issuer, Map<String, Object> claims, Instant expiry) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer(issuer).subject("subject-" + claims.hashCode())
                .issueTime(Date.from(expiry.minusSeconds(900))).expirationTime(Date.from(expiry));
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
