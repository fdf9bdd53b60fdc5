package org.relais.web.security;

import java.util.Optional;

import org.relais.core.api.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, whatever the authentication (configured users, or a JWT in production): a user name, a role,
 * and for a liaison the partner it speaks for.
 */
public record Actor(String username, Role role, String partnerId) {

    public static Optional<Actor> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof RelaisUser user) {
            return Optional.of(new Actor(user.getUsername(), user.role(), user.partnerId()));
        }
        return Optional.empty();
    }

    public boolean isLiaisonOf(String partner) {
        return role == Role.LIAISON && partnerId != null && partnerId.equals(partner);
    }
}
