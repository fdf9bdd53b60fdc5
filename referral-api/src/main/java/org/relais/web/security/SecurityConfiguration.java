package org.relais.web.security;

import java.util.Map;
import java.util.stream.Collectors;

import org.relais.core.api.ErrorCode;
import org.relais.core.api.Role;
import org.relais.web.problem.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. The embedded default authenticates configured users with HTTP Basic; every API answer to a
 * missing or wrong identity, or a forbidden call, is a problem+json document.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemWriter problems) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/referrals").hasRole(Role.COORDINATOR.name())
                        .requestMatchers(HttpMethod.GET, "/api/referrals").hasAnyRole(
                                Role.COORDINATOR.name(), Role.AUDITOR.name())
                        .requestMatchers(HttpMethod.GET, "/api/referrals/*").hasAnyRole(
                                Role.COORDINATOR.name(), Role.AUDITOR.name(), Role.LIAISON.name())
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
                        problems.write(response, ErrorCode.UNAUTHENTICATED, "Authentication is required.")))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) ->
                                problems.write(response, ErrorCode.UNAUTHENTICATED, "Authentication is required."))
                        .accessDeniedHandler((request, response, e) ->
                                problems.write(response, ErrorCode.FORBIDDEN, "This role may not do that.")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless API with credentials on every request: no session cookie for CSRF to abuse.
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    SecurityFilterChain operations(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole(Role.ADMIN.name(), Role.AUDITOR.name())
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
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
