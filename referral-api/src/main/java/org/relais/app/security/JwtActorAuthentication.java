package org.relais.app.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * A verified JWT whose principal is the Relais {@link Actor} its claims describe, like a password sign-in's; a token
 * that gives no usable role has its bare identity as principal, and no authority.
 */
final class JwtActorAuthentication extends AbstractOAuth2TokenAuthenticationToken<Jwt> {

    private static final long serialVersionUID = 1L;

    private final String name;

    private JwtActorAuthentication(Jwt jwt, Object principal, Collection<? extends GrantedAuthority> authorities,
                                   String name) {
        super(jwt, principal, jwt, authorities);
        this.name = name;
        setAuthenticated(true);
    }

    static JwtActorAuthentication of(Jwt jwt, Actor actor, Collection<? extends GrantedAuthority> authorities) {
        return new JwtActorAuthentication(jwt, actor, authorities, actor.username());
    }

    /** An identity Relais has no use for: authenticated (a 403, not a 401), yet allowed nothing. */
    static JwtActorAuthentication withoutActor(Jwt jwt, String identity) {
        return new JwtActorAuthentication(jwt, identity, List.of(), identity);
    }

    @Override
    public Map<String, Object> getTokenAttributes() {
        return getToken().getClaims();
    }

    @Override
    public String getName() {
        return name;
    }
}
