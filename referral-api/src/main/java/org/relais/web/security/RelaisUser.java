package org.relais.web.security;

import java.util.List;

import org.relais.core.api.Role;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** An authenticated person: a role, and for a liaison the partner organisation it speaks for. */
public class RelaisUser extends User {

    private static final long serialVersionUID = 1L;

    private final Role role;
    private final String partnerId;

    public RelaisUser(String username, String passwordHash, Role role, String partnerId) {
        super(username, passwordHash, List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
        this.role = role;
        this.partnerId = partnerId;
    }

    public Role role() {
        return role;
    }

    public String partnerId() {
        return partnerId;
    }
}
