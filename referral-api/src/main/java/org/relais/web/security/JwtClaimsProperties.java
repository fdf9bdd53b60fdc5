package org.relais.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where an OpenID Connect provider's tokens carry what Relais needs ({@code relais.security.jwt.*}): the role
 * ({@code COORDINATOR}, {@code LIAISON}, {@code AUDITOR}, {@code ADMIN}; a string or a list of strings), a liaison's
 * partner id, and the user name recorded in every event (falling back to {@code sub}).
 */
@ConfigurationProperties("relais.security.jwt")
public record JwtClaimsProperties(@DefaultValue("relais_role") String roleClaim,
                                  @DefaultValue("relais_partner") String partnerClaim,
                                  @DefaultValue("preferred_username") String usernameClaim) {
}
