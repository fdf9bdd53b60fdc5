package org.relais.web.security;

import java.util.Map;
import java.util.stream.Collectors;

import org.relais.core.api.ErrorCode;
import org.relais.core.api.Role;
import org.relais.web.problem.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.beans.factory.annotation.Value;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Who may call what. Two ways to authenticate, both giving an {@link Actor}:
 * <ul>
 * <li>embedded default: the configured users ({@code relais.security.users}, BCrypt) with HTTP Basic on the API and a
 * login form for the browser UI;</li>
 * <li>production: an OAuth2 resource server accepting JWTs from any OpenID Connect issuer, switched on by Boot when
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri} is set; role and partner come
 * from the claims named in {@link JwtClaimsProperties}.</li>
 * </ul>
 * Which role may call which endpoint is stated on each controller method ({@code @PreAuthorize}); the URL rules here
 * only require an identity. Every refusal is a problem+json document.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    /** API documentation is public: it describes the contract, holds no data, and integrators need it first. */
    static final String[] PUBLIC_DOCUMENTATION = {"/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
            "/swagger-ui.html", "/swagger-ui/**"};

    static final String UI_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
            + "object-src 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ProblemWriter problems, SecurityUsersProperties users,
                            ObjectProvider<JwtDecoder> jwtDecoder, JwtClaimsProperties claims) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) ->
                problems.write(response, ErrorCode.UNAUTHENTICATED, "Authentication is required.");
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler((request, response, e) ->
                                problems.write(response, ErrorCode.FORBIDDEN, "This role may not do that.")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Never read a session either: a browser's session cookie must not authenticate an API call.
                .securityContext(context -> context.securityContextRepository(
                        new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.disable())
                // No CSRF protection here, on purpose: this chain is stateless and ignores cookies, and credentials
                // travel in the Authorization header on every request. A browser only adds that header by itself
                // after it has shown its Basic prompt, which the 401 above never triggers (no WWW-Authenticate:
                // Basic challenge). The browser session, which a forged request could ride, lives in the UI chain,
                // which keeps CSRF protection.
                .csrf(csrf -> csrf.disable());
        if (!users.users().isEmpty()) {
            http.httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated));
        }
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        if (decoder != null) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new JwtActorConverter(claims)))
                    .authenticationEntryPoint((request, response, e) -> {
                        // RFC 6750: say which scheme failed; browsers do not prompt for bearer tokens.
                        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                        problems.write(response, ErrorCode.UNAUTHENTICATED, "A valid bearer token is required.");
                    }));
        }
        return http.build();
    }

    /** The browser UI, the API documentation and the operations endpoints: a session with a login form, CSRF on. */
    @Bean
    @Order(2)
    SecurityFilterChain operations(HttpSecurity http, ObjectProvider<JwtDecoder> jwtDecoder,
                                   JwtClaimsProperties claims) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error", "/login").permitAll()
                        .requestMatchers("/ui/assets/**", "/favicon.ico").permitAll()
                        .requestMatchers(PUBLIC_DOCUMENTATION).permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole(Role.ADMIN.name(), Role.AUDITOR.name())
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                // The web UI's own sign-in page (French by default, accessible); the pages talk only to /ui/**
                // with this session and its CSRF token, never to /api.
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                // The pages load scripts and styles from this origin only, and no inline ones: a value that
                // slipped into a page unescaped still could not run.
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        request -> {
                            String path = request.getRequestURI().substring(request.getContextPath().length());
                            return path.equals("/") || path.equals("/login") || path.startsWith("/ui/");
                        },
                        new StaticHeadersWriter("Content-Security-Policy", UI_CONTENT_SECURITY_POLICY))));
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        if (decoder != null) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new JwtActorConverter(claims))));
        }
        return http.build();
    }

    /** A request the firewall refuses (encoded slashes, path traversal, control characters) is a 400 problem. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, e) ->
                problems.write(response, ErrorCode.MALFORMED_REQUEST, "The request line or a header is not allowed.");
    }

    @Bean
    PasswordEncoder passwordEncoder(Clock clock, @Value("${relais.security.remember-passwords:PT5M}") Duration memory) {
        return new RememberingPasswordEncoder(new BCryptPasswordEncoder(), memory, clock);
    }

    @Bean
    UserDetailsService users(SecurityUsersProperties properties) {
        Map<String, SecurityUsersProperties.ConfiguredUser> byName = properties.users().stream()
                .collect(Collectors.toMap(SecurityUsersProperties.ConfiguredUser::username, user -> user));
        return username -> {
            SecurityUsersProperties.ConfiguredUser user = byName.get(username);
            if (user == null) {
                throw new UsernameNotFoundException("unknown user");
            }
            return new RelaisUser(user.username(), user.passwordHash(), user.role(), user.partner());
        };
    }
}
