package org.relais.web.security;

import java.util.Collection;
import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A verified JWT and the Relais actor its claims describe (none when they give no usable role). */
final class JwtActorAuthentication extends JwtAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final Actor actor;

    JwtActorAuthentication(Jwt jwt, Collection<? extends GrantedAuthority> authorities, String name, Actor actor) {
        super(jwt, authorities, name);
        this.actor = actor;
    }

    Optional<Actor> actor() {
        return Optional.ofNullable(actor);
    }
}
