package org.relais.app.security;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The one password check of Relais, behind HTTP Basic and the login form alike: the configured users
 * ({@code relais.security.users}), throttled ({@link LoginThrottle}) before any hashing, and answering an
 * {@link Actor} as the principal.
 * <p>
 * It is the only {@code AuthenticationProvider} bean, so Spring Security makes it the global authentication manager
 * and builds no other password check beside it (no {@code UserDetailsService} bean exists for that reason).
 */
final class PasswordSignIn implements AuthenticationProvider {

    private final Map<String, SecurityUsersProperties.ConfiguredUser> users;
    private final RememberingPasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final DaoAuthenticationProvider check;
    /** Lock stripes for the checks of one user name: bounded, whatever the names tried. */
    private static final Object[] CHECKS = new Object[64];

    static {
        for (int i = 0; i < CHECKS.length; i++) {
            CHECKS[i] = new Object();
        }
    }

    PasswordSignIn(SecurityUsersProperties configured, RememberingPasswordEncoder passwords, LoginThrottle throttle) {
        this.users = configured.users().stream().collect(Collectors.toUnmodifiableMap(
                SecurityUsersProperties.ConfiguredUser::username, user -> user));
        this.passwords = passwords;
        this.throttle = throttle;
        // A fresh user per check: the manager erases the credentials of what it is handed back.
        this.check = new DaoAuthenticationProvider(username -> {
            SecurityUsersProperties.ConfiguredUser user = users.get(username);
            if (user == null) {
                throw new UsernameNotFoundException("unknown user");
            }
            return new RelaisUser(user.username(), user.passwordHash(), user.role(), user.partner());
        });
        this.check.setPasswordEncoder(passwords);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        if (verified(username, authentication.getCredentials())) {
            return checked(authentication, username);
        }
        // One password check per user name at a time: a client's burst of requests with its (good) password after
        // a start waits for the first check instead of running five and being refused, and a burst of guesses at
        // one name is counted one by one.
        synchronized (CHECKS[Math.floorMod(username == null ? 0 : username.hashCode(), CHECKS.length)]) {
            return checked(authentication, username);
        }
    }

    private Authentication checked(Authentication authentication, String username) {
        LoginThrottle.Admission admission = throttle.admit(username, address(authentication),
                verified(username, authentication.getCredentials()));
        LoginThrottle.Attempt attempt = admission.admitted()
                .orElseThrow(() -> new SignInThrottledException(admission.retryAfter()));
        Authentication checked;
        try {
            checked = check.authenticate(authentication);
        } catch (BadCredentialsException e) {
            throttle.failed(attempt);
            throw e;
        } catch (RuntimeException e) {
            throttle.ended(attempt);
            throw e;
        }
        throttle.succeeded(attempt);
        RelaisUser user = (RelaisUser) checked.getPrincipal();
        UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(
                user.actor(), null, checked.getAuthorities());
        signedIn.setDetails(checked.getDetails());
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private boolean verified(String username, Object credentials) {
        SecurityUsersProperties.ConfiguredUser user = users.get(username);
        return user != null && credentials != null
                && passwords.remembers(credentials.toString(), user.passwordHash());
    }

    /** The client's address as the servlet container sees it (the proxy's client only behind a trusted proxy). */
    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
    }
}
