package org.relais.app.security;

import java.io.Serializable;
import java.util.Optional;

import org.relais.core.api.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, whatever the authentication (a configured user with HTTP Basic or the login form, or a JWT in
 * production): the principal of every Relais authentication is an actor, so that controllers ({@link #current()})
 * and authorization expressions ({@code principal.partnerId()}) see the same thing for all three.
 *
 * @param username    the stable identity, recorded as the actor of every event and matched against the liaisons
 *                    attached to a partner: a configured user's name, or {@code subject@issuer} for a JWT (see
 *                    {@link JwtIdentity})
 * @param displayName what the pages show; for a JWT the display-name claim, never used to decide anything
 */
public record Actor(String username, Role role, String partnerId, String displayName)
        implements AuthenticatedPrincipal, Serializable {

    public Actor(String username, Role role, String partnerId) {
        this(username, role, partnerId, username);
    }

    /**
     * The caller of the current request. Empty for anonymous callers and for tokens that give no usable role.
     */
    public static Optional<Actor> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof Actor actor) {
            return Optional.of(actor);
        }
        return Optional.empty();
    }

    /** The caller, for code that only runs after authorization let it in. */
    public static Actor required() {
        return current().orElseThrow(() -> new AccessDeniedException("no actor"));
    }

    public boolean isLiaisonOf(String partner) {
        return role == Role.LIAISON && partnerId != null && partnerId.equals(partner);
    }

    @Override
    public String getName() {
        return username;
    }
}
