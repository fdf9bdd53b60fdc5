package org.relais.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of a test class (root logger, all levels that are enabled) and fails the class if any
 * line, message argument, exception message or frame contains a piece of {@link PersonalData}.
 */
public final class LogCapture implements BeforeAllCallback, AfterAllCallback {

    private static final String APPENDER = "personal-data-guard";

    @Override
    public void beforeAll(ExtensionContext context) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setName(APPENDER);
        appender.start();
        root().addAppender(appender);
        context.getStore(ExtensionContext.Namespace.create(LogCapture.class)).put(APPENDER, appender);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterAll(ExtensionContext context) {
        ListAppender<ILoggingEvent> appender = (ListAppender<ILoggingEvent>) context
                .getStore(ExtensionContext.Namespace.create(LogCapture.class)).remove(APPENDER);
        root().detachAppender(appender);
        appender.stop();
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : appender.list) {
            StringBuilder line = new StringBuilder(event.getFormattedMessage() == null ? "" : event.getFormattedMessage());
            for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
                for (StackTraceElementProxy frame : cause.getStackTraceElementProxyArray()) {
                    line.append(' ').append(frame.getSTEAsString());
                }
            }
            event.getMDCPropertyMap().values().forEach(value -> line.append(' ').append(value));
            lines.add(line.toString());
        }
        for (String secret : PersonalData.ALL) {
            assertThat(lines).as("no log line contains personal data").noneMatch(line -> line.contains(secret));
        }
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
