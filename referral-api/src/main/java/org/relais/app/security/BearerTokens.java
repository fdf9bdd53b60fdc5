package org.relais.app.security;

import java.net.URI;
import java.net.URISyntaxException;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Production sign-in with JWTs, on when Boot has built a decoder (an issuer URI, a key set URI or a public key is
 * set). Whatever built the decoder, Relais then requires an issuer and an audience, refuses to start without them,
 * and checks both on every token itself: a token of another issuer, or one the provider issued to another
 * application (another audience, or none), must never act here, and identities are only unique per issuer.
 */
final class BearerTokens {

    static final String ISSUER_PROPERTY = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String AUDIENCE_PROPERTY = "relais.security.jwt.audience";

    private final JwtDecoder decoder;

    private BearerTokens(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    /** No decoder: JWTs are not accepted at all. */
    static BearerTokens off() {
        return new BearerTokens(null);
    }

    static BearerTokens checking(JwtDecoder decoder, String issuer, String audience) {
        if (issuer == null || issuer.isBlank() || !hasHost(issuer)) {
            throw new IllegalStateException("JWT sign-in is configured without an issuer: set " + ISSUER_PROPERTY
                    + " to the identity provider's issuer URL, since users are identified by issuer and subject");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalStateException("JWT sign-in is configured without an audience: set " + AUDIENCE_PROPERTY
                    + " to the audience (client id) the identity provider puts in tokens issued for Relais");
        }
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                new JwtIssuerValidator(issuer.strip()), new JwtAudienceValidator(audience.strip()));
        return new BearerTokens(token -> {
            Jwt jwt = decoder.decode(token);
            OAuth2TokenValidatorResult result = validator.validate(jwt);
            if (result.hasErrors()) {
                throw new JwtValidationException("The token is not for this service", result.getErrors());
            }
            return jwt;
        });
    }

    boolean enabled() {
        return decoder != null;
    }

    JwtDecoder decoder() {
        if (decoder == null) {
            throw new IllegalStateException("JWT sign-in is off");
        }
        return decoder;
    }

    private static boolean hasHost(String issuer) {
        try {
            return new URI(issuer.strip()).getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
