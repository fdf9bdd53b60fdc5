package org.relais.core.privacy;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A throwable as a log line may show it: the chain of exception types with their frames, without any message,
 * since messages can quote what a user sent (a parser's input, a constraint's value, a duplicate key) and so hold
 * personal data. Every module logs a failure through it rather than handing the exception to the logger.
 */
public final class SafeTrace {

    private static final int FRAMES_PER_CAUSE = 12;

    private SafeTrace() {
    }

    public static String of(Throwable throwable) {
        StringBuilder trace = new StringBuilder();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = throwable;
        while (current != null && seen.put(current, Boolean.TRUE) == null) {
            trace.append(current == throwable ? "" : "\ncaused by ").append(current.getClass().getName());
            StackTraceElement[] frames = current.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, FRAMES_PER_CAUSE); i++) {
                trace.append("\n\tat ").append(frames[i]);
            }
            if (frames.length > FRAMES_PER_CAUSE) {
                trace.append("\n\t... ").append(frames.length - FRAMES_PER_CAUSE).append(" more");
            }
            current = current.getCause();
        }
        return trace.toString();
    }
}
