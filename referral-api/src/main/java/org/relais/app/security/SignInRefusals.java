package org.relais.app.security;

import org.relais.core.api.ErrorCode;
import org.relais.app.http.problem.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * How a caller is told that it is not signed in. The API says how to sign in, as HTTP requires of a 401: a Basic
 * challenge with the realm when configured users may sign in, a Bearer one when JWTs are accepted (a browser that
 * prompts and then keeps the credentials cannot be made to use them from another site: see
 * {@link CrossSiteApiRefusal}). The pages and the operations endpoints never challenge: a browser at the pages is
 * sent to the login form instead.
 */
final class SignInRefusals {

    static final String REALM = "Relais API";

    private SignInRefusals() {
    }

    /** The API's 401 problem, with a challenge for each way to sign in that is configured. */
    static AuthenticationEntryPoint challenging(ProblemWriter problems, boolean basic, boolean bearer) {
        AuthenticationEntryPoint problem = problems(problems);
        return (request, response, e) -> {
            if (!(e instanceof SignInThrottledException)) {
                if (basic) {
                    response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
                }
                if (bearer) {
                    response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
                }
            }
            problem.commence(request, response, e);
        };
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
