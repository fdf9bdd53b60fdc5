package org.relais.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A JWT's bearer is its issuer's subject: unique across issuers, and fit for a URL path segment. */
class JwtIdentityTest {

    @Test
    void the_same_subject_of_two_issuers_is_two_people() {
        assertThat(JwtIdentity.of("https://idp.example.org/realms/relais", "42")).contains("42@idp.example.org:realms:relais");
        assertThat(JwtIdentity.of("https://idp.example.org/realms/other", "42")).contains("42@idp.example.org:realms:other");
        assertThat(JwtIdentity.of("https://login.example.net/", "42")).contains("42@login.example.net");
        assertThat(JwtIdentity.of("https://IdP.Example.org:8443", "42")).contains("42@idp.example.org:8443");
    }

    @Test
    void the_issuer_ends_at_the_last_at_sign_and_no_slash_remains() {
        String identity = JwtIdentity.of("https://idp.example.org/realms/relais", "auth0|jane@example.org").orElseThrow();
        assertThat(identity.substring(identity.lastIndexOf('@') + 1)).isEqualTo("idp.example.org:realms:relais");
        assertThat(identity).doesNotContain("/");
    }

    @Test
    void no_identity_without_an_issuer_or_a_subject() {
        assertThat(JwtIdentity.of(null, "42")).isEmpty();
        assertThat(JwtIdentity.of("https://idp.example.org", " ")).isEmpty();
    }
}
