package org.relais.app.security;

import java.time.Clock;
import java.time.Duration;

import org.relais.core.api.ErrorCode;
import org.relais.core.api.Role;
import org.relais.app.http.problem.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Who may call what. Two ways to authenticate, both giving an {@link Actor} as the principal:
 * <ul>
 * <li>embedded default: the configured users ({@code relais.security.users}, BCrypt) with HTTP Basic on the API and a
 * login form for the browser UI, both through {@link PasswordSignIn} and its throttle;</li>
 * <li>production: an OAuth2 resource server accepting JWTs of one OpenID Connect issuer, switched on by Boot when
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri} is set, with an issuer and an
 * audience required ({@link BearerTokens}); identity from issuer and subject, role and partner from the claims named
 * in {@link JwtClaimsProperties}.</li>
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
                            BearerTokens bearerTokens, JwtClaimsProperties claims) throws Exception {
        AuthenticationEntryPoint unauthenticated = SignInRefusals.challenging(problems, !users.users().isEmpty(),
                bearerTokens.enabled());
        http.securityMatcher("/api/**")
                .addFilterBefore(new CrossSiteApiRefusal(problems), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler((request, response, e) ->
                                problems.write(request, response, ErrorCode.FORBIDDEN)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Never read a session either: a browser's session cookie must not authenticate an API call.
                .securityContext(context -> context.securityContextRepository(
                        new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.disable())
                // No CSRF token here: this chain is stateless and ignores cookies, and credentials travel in the
                // Authorization header. A browser adds that header by itself only after its Basic prompt; a request
                // it sends for another site is refused first (CrossSiteApiRefusal). The browser session lives in
                // the UI chain, which keeps CSRF protection.
                .csrf(csrf -> csrf.disable());
        if (!users.users().isEmpty()) {
            http.httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated));
        }
        if (bearerTokens.enabled()) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.decoder(bearerTokens.decoder())
                            .jwtAuthenticationConverter(new JwtActorConverter(claims)))
                    .authenticationEntryPoint((request, response, e) -> {
                        // RFC 6750: say which scheme failed; browsers do not prompt for bearer tokens.
                        response.setHeader("WWW-Authenticate", "Bearer realm=\"" + SignInRefusals.REALM
                                + "\", error=\"invalid_token\"");
                        problems.write(request, response, ErrorCode.UNAUTHENTICATED, "bearer");
                    }));
        }
        return http.build();
    }

    /**
     * The browser UI, the API documentation and the operations endpoints: a session with a login form, CSRF on.
     * Pages send an anonymous visitor to the login form, never an HTTP Basic challenge (see {@link SignInRefusals});
     * Basic credentials sent unasked (a metrics scraper) are still accepted.
     */
    @Bean
    @Order(2)
    SecurityFilterChain operations(HttpSecurity http, ProblemWriter problems, BearerTokens bearerTokens,
                                   JwtClaimsProperties claims) throws Exception {
        AuthenticationEntryPoint unauthenticated = SignInRefusals.pagesOrProblems(problems);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error", "/login").permitAll()
                        .requestMatchers("/ui/assets/**", "/favicon.ico").permitAll()
                        .requestMatchers(PUBLIC_DOCUMENTATION).permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole(Role.ADMIN.name(), Role.AUDITOR.name())
                        .anyRequest().authenticated())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated))
                .httpBasic(basic -> basic.authenticationEntryPoint(SignInRefusals.problems(problems)))
                // The web UI's own sign-in page (French by default, accessible); the pages talk only to /ui/**
                // with this session and its CSRF token, never to /api.
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false)
                        .failureHandler(SignInRefusals.loginForm()).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                // The pages load scripts and styles from this origin only, and no inline ones: a value that
                // slipped into a page unescaped still could not run.
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        request -> {
                            String path = request.getRequestURI().substring(request.getContextPath().length());
                            return path.equals("/") || path.equals("/login") || path.startsWith("/ui/");
                        },
                        new StaticHeadersWriter("Content-Security-Policy", UI_CONTENT_SECURITY_POLICY))));
        if (bearerTokens.enabled()) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.decoder(bearerTokens.decoder())
                            .jwtAuthenticationConverter(new JwtActorConverter(claims))));
        }
        return http.build();
    }

    /** A request the firewall refuses (encoded slashes, path traversal, control characters) is a 400 problem. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, e) ->
                problems.write(request, response, ErrorCode.MALFORMED_REQUEST, "firewall");
    }

    /**
     * JWT sign-in when Boot built a decoder; the application refuses to start if it did without an issuer or an
     * audience configured.
     */
    @Bean
    BearerTokens bearerTokens(ObjectProvider<JwtDecoder> decoder, JwtClaimsProperties claims,
                              @Value("${" + BearerTokens.ISSUER_PROPERTY + ":}") String issuer) {
        JwtDecoder available = decoder.getIfAvailable();
        return available == null ? BearerTokens.off() : BearerTokens.checking(available, issuer, claims.audience());
    }

    @Bean
    RememberingPasswordEncoder passwordEncoder(Clock clock,
                                               @Value("${relais.security.remember-passwords:PT5M}") Duration memory) {
        return new RememberingPasswordEncoder(new BCryptPasswordEncoder(), memory, clock);
    }

    @Bean
    LoginThrottle loginThrottle(LoginThrottleProperties settings, Clock clock) {
        return new LoginThrottle(settings, clock);
    }

    /** The only authentication provider bean: Spring Security makes it the global manager (see PasswordSignIn). */
    @Bean
    AuthenticationProvider passwordSignIn(SecurityUsersProperties users, RememberingPasswordEncoder passwordEncoder,
                                          LoginThrottle loginThrottle) {
        return new PasswordSignIn(users, passwordEncoder, loginThrottle);
    }
}
