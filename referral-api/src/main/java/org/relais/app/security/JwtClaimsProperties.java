package org.relais.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Relais reads an OpenID Connect provider's tokens ({@code relais.security.jwt.*}): the audience a token must be
 * issued for (required once JWTs are accepted: a token the provider issued to another application is refused), the
 * claim carrying the role ({@code COORDINATOR}, {@code LIAISON}, {@code AUDITOR}, {@code ADMIN}; a string or a list of
 * strings), the claim carrying a liaison's partner id, and the claim shown as the user's name on the pages. The
 * identity recorded in events is always {@code subject@issuer} (see {@link JwtIdentity}), never the display name.
 */
@ConfigurationProperties("relais.security.jwt")
public record JwtClaimsProperties(String audience,
                                  @DefaultValue("relais_role") String roleClaim,
                                  @DefaultValue("relais_partner") String partnerClaim,
                                  @DefaultValue("preferred_username") String displayNameClaim) {
}
