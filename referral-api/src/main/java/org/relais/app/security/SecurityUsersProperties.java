package org.relais.app.security;

import java.util.List;

import org.relais.core.api.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The users of the embedded default, from configuration ({@code relais.security.users}): a BCrypt password hash,
 * a role, and for liaisons a partner id. There are no default users: only the {@code demo} profile seeds some.
 */
@ConfigurationProperties("relais.security")
public record SecurityUsersProperties(@DefaultValue List<ConfiguredUser> users) {

    public record ConfiguredUser(String username, String passwordHash, Role role, String partner) {
    }
}
