package org.relais.app.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.AsyncHandlerInterceptor;

/**
 * Starts a stream once its request has gone asynchronous, which Spring MVC tells its interceptors after it has set
 * the returned emitter up ({@link #afterConcurrentHandlingStarted}); a handler hands the start over with
 * {@link #when}. Until then a stream sends nothing (see {@link DashboardStream}).
 */
class StreamStart implements AsyncHandlerInterceptor {

    private static final String START = StreamStart.class.getName();

    /** Runs {@code start} once the current request's handler has returned its emitter and Spring has set it up. */
    static void when(Runnable start) {
        RequestContextHolder.currentRequestAttributes().setAttribute(START, start, RequestAttributes.SCOPE_REQUEST);
    }

    @Override
    public void afterConcurrentHandlingStarted(HttpServletRequest request, HttpServletResponse response,
                                               Object handler) {
        if (request.getAttribute(START) instanceof Runnable start) {
            request.removeAttribute(START);
            start.run();
        }
    }
}
