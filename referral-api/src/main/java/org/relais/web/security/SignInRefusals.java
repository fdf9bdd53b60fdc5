package org.relais.web.security;

import org.relais.core.api.ErrorCode;
import org.relais.web.problem.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * How a caller is told that it is not signed in. Never with an HTTP Basic challenge ({@code WWW-Authenticate: Basic}):
 * a browser answering one with its own prompt would then send the credentials by itself with every request to the
 * origin, the API included, which is what would make a forged request ride them.
 */
final class SignInRefusals {

    private SignInRefusals() {
    }

    /** A 401 problem, or a 429 problem with {@code Retry-After} when password sign-ins are throttled. */
    static AuthenticationEntryPoint problems(ProblemWriter problems) {
        return (request, response, e) -> {
            if (e instanceof SignInThrottledException throttled) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfter().toSeconds()));
                problems.write(request, response, ErrorCode.TOO_MANY_ATTEMPTS);
            } else {
                problems.write(request, response, ErrorCode.UNAUTHENTICATED);
            }
        };
    }

    /** Pages send the browser to the login form; the operations endpoints answer a problem. */
    static AuthenticationEntryPoint pagesOrProblems(ProblemWriter problems) {
        AuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint("/login");
        AuthenticationEntryPoint problem = problems(problems);
        return (request, response, e) -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (path.startsWith("/actuator/") || e instanceof SignInThrottledException) {
                problem.commence(request, response, e);
            } else {
                loginPage.commence(request, response, e);
            }
        };
    }

    /** The login form comes back with a message; a throttled attempt never reached the password check. */
    static AuthenticationFailureHandler loginForm() {
        return (request, response, e) -> response.sendRedirect(request.getContextPath()
                + (e instanceof SignInThrottledException ? "/login?throttled" : "/login?error"));
    }
}
