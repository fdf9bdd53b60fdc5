package org.relais.app.config;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id (the caller's {@code X-Correlation-Id}, or else its {@code X-Request-Id}, if
 * it is a plain token of at most 64 letters, digits, dots, dashes and underscores; else a new one), answered in the
 * {@code X-Correlation-Id} header, logged with each line ({@code correlationId} in the MDC) and carried in the
 * metadata of the commands and events the request causes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Correlation-Id";
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlationId = wellFormed(request.getHeader(HEADER));
        if (correlationId == null) {
            correlationId = wellFormed(request.getHeader(REQUEST_ID_HEADER));
        }
        if (correlationId == null) {
            correlationId = UUID.randomUUID().toString();
        }
        MDC.put("correlationId", correlationId);
        response.setHeader(HEADER, correlationId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("correlationId");
        }
    }

    private static String wellFormed(String given) {
        return given != null && SAFE.matcher(given).matches() ? given : null;
    }
}
