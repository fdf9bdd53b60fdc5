package org.relais.app.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.relais.core.api.ErrorCode;
import org.relais.app.http.problem.ProblemWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an API request that a browser sends on behalf of another site ({@code Sec-Fetch-Site: cross-site} or
 * {@code same-site}). The API answers a missing identity with a Basic challenge, so a browser that was once given
 * credentials at that prompt sends them by itself with every request to the origin; this keeps a page of another site
 * from riding them (a form posting to a command without a body, an image reading a case into the access log). Clients
 * that are not browsers send no such header, and the staff pages talk only to /ui.
 */
final class CrossSiteApiRefusal extends OncePerRequestFilter {

    private final ProblemWriter problems;

    CrossSiteApiRefusal(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String site = request.getHeader("Sec-Fetch-Site");
        if ("cross-site".equalsIgnoreCase(site) || "same-site".equalsIgnoreCase(site)) {
            problems.write(request, response, ErrorCode.FORBIDDEN, "crossSite");
            return;
        }
        chain.doFilter(request, response);
    }
}
