package org.relais.web.security;

import java.util.Optional;

import org.relais.core.api.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, whatever the authentication (configured users, or a JWT in production): a user name, a role,
 * and for a liaison the partner it speaks for.
 */
public record Actor(String username, Role role, String partnerId) {

    /**
     * The caller of the current request: a configured user signed in with a password, or the bearer of a JWT whose
     * claims name a Relais role (and, for a liaison, a partner). Empty for anonymous callers and for tokens that give
     * no usable role.
     */
    public static Optional<Actor> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        if (authentication.getPrincipal() instanceof RelaisUser user) {
            return Optional.of(new Actor(user.getUsername(), user.role(), user.partnerId()));
        }
        if (authentication instanceof JwtActorAuthentication jwt) {
            return jwt.actor();
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
}
