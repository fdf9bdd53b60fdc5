package org.relais.app.consistency;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.relais.app.http.problem.InvalidParameterException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Read-your-writes over the API: a GET carrying a position ({@value #CONSISTENT_WITH} header, or the
 * {@value #PARAMETER} query parameter), as a command's answer gave it ({@value #POSITION}), is answered only once the
 * read models it reads ({@link ReadsFrom}) have handled that position; after {@code relais.http.consistency-wait}
 * (2 s by default) it is 503 READ_MODELS_BEHIND with {@code Retry-After}, never stale data. Each instance waits for
 * its own view of the read models (see {@link ReadModelPositions}), so the position works on any of them.
 */
@Component
public class ConsistentReads implements HandlerInterceptor {

    public static final String POSITION = "Relais-Position";
    public static final String CONSISTENT_WITH = "Relais-Consistent-With";
    public static final String PARAMETER = "consistentWith";
    private static final Pattern POSITION_FORMAT = Pattern.compile("[0-9]{1,18}");

    private final ReadModelPositions positions;
    private final ReadModelNames readModels;
    private final Duration wait;

    ConsistentReads(ReadModelPositions positions, ReadModelNames readModels,
                    @Value("${relais.http.consistency-wait:PT2S}") Duration wait) {
        this.positions = positions;
        this.readModels = readModels;
        this.wait = wait;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws InterruptedException {
        if (request.getDispatcherType() != DispatcherType.REQUEST
                || !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return true;
        }
        Long position = requestedPosition(request);
        if (position == null || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        Collection<String> reads = readModelsOf(method);
        if (!reads.isEmpty() && !positions.await(reads, position, wait)) {
            throw new ReadModelsBehindException(Duration.ofSeconds(1));
        }
        return true;
    }

    /** The read models an endpoint reads: those it names, or all of them. */
    Collection<String> readModelsOf(HandlerMethod method) {
        ReadsFrom declared = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), ReadsFrom.class);
        if (declared == null) {
            declared = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), ReadsFrom.class);
        }
        return declared == null ? readModels.names() : List.of(declared.value());
    }

    private static Long requestedPosition(HttpServletRequest request) {
        String header = request.getHeader(CONSISTENT_WITH);
        String parameter = request.getParameter(PARAMETER);
        if (header != null) {
            return parse(CONSISTENT_WITH, header);
        }
        return parameter == null ? null : parse(PARAMETER, parameter);
    }

    private static long parse(String name, String value) {
        String trimmed = value.strip();
        if (!POSITION_FORMAT.matcher(trimmed).matches()) {
            throw new InvalidParameterException(name, "must be a position as a command's answer gave it in "
                    + POSITION + ": a non-negative integer");
        }
        return Long.parseLong(trimmed);
    }
}
