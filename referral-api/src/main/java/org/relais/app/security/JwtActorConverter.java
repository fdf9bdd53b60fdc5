package org.relais.app.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.relais.core.api.Role;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

/**
 * Turns a verified JWT into a Relais actor: the identity is the token's issuer and subject ({@link JwtIdentity}),
 * the role and partner id come from configurable claims, the display name from another one. A token that names no
 * known role, or a liaison without a partner, authenticates but grants nothing (403 everywhere): the identity is
 * real, it is just not a Relais user.
 */
final class JwtActorConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final JwtClaimsProperties claims;

    JwtActorConverter(JwtClaimsProperties claims) {
        this.claims = claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Optional<String> identity = JwtIdentity.of(jwt.getClaimAsString(JwtClaimNames.ISS), jwt.getSubject());
        Optional<Role> role = role(jwt);
        String partner = jwt.getClaimAsString(claims.partnerClaim());
        if (identity.isEmpty() || role.isEmpty()
                || (role.get() == Role.LIAISON && (partner == null || partner.isBlank()))) {
            return JwtActorAuthentication.withoutActor(jwt, identity.orElse("unknown"));
        }
        String displayName = Optional.ofNullable(jwt.getClaimAsString(claims.displayNameClaim()))
                .filter(name -> !name.isBlank())
                .orElse(identity.get());
        Collection<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority("ROLE_" + role.get().name()));
        Actor actor = new Actor(identity.get(), role.get(), role.get() == Role.LIAISON ? partner : null, displayName);
        return JwtActorAuthentication.of(jwt, actor, authorities);
    }

    private Optional<Role> role(Jwt jwt) {
        Object value = jwt.getClaims().get(claims.roleClaim());
        List<String> names = new ArrayList<>();
        if (value instanceof String single) {
            names.add(single);
        } else if (value instanceof Collection<?> several) {
            several.forEach(item -> names.add(String.valueOf(item)));
        }
        // One Relais role per person: a token naming several is ambiguous and grants nothing.
        List<Role> roles = names.stream().map(JwtActorConverter::parse).flatMap(Optional::stream).distinct().toList();
        return roles.size() == 1 ? Optional.of(roles.get(0)) : Optional.empty();
    }

    private static Optional<Role> parse(String name) {
        String normalized = name.strip().toUpperCase(Locale.ROOT);
        if (normalized.startsWith("ROLE_")) {
            normalized = normalized.substring("ROLE_".length());
        }
        for (Role role : Role.values()) {
            if (role.name().equals(normalized)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
