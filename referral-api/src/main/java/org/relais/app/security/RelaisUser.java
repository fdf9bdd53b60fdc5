package org.relais.app.security;

import java.util.List;

import org.relais.core.api.Role;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A configured user as the password check sees it: a role, and for a liaison the partner it speaks for. */
class RelaisUser extends User {

    private static final long serialVersionUID = 1L;

    private final Role role;
    private final String partnerId;

    RelaisUser(String username, String passwordHash, Role role, String partnerId) {
        super(username, passwordHash, List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
        this.role = role;
        this.partnerId = partnerId;
    }

    /** Who this user is once the password matched: the principal of the authentication. */
    Actor actor() {
        return new Actor(getUsername(), role, role == Role.LIAISON ? partnerId : null);
    }
}
