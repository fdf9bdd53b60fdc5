package org.relais.app.metrics;

import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.RuleViolationException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Every command handled: {@code relais_commands_total{command, outcome}} and
 * {@code relais_command_duration_seconds{command, outcome}} (from the handler's start to the commit or roll-back of
 * its unit of work). {@code command} is the command's class name, {@code outcome} is {@code ok}, the
 * {@link ErrorCode} a rejection carries (as the API answers it), or {@code error}: nothing of the command's content.
 * A command retried after a version conflict counts once per attempt.
 */
@Component
class CommandSignals implements SmartInitializingSingleton {

    static final String OK = "ok";
    static final String ERROR = "error";
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

    private final CommandBus commandBus;
    private final MeterRegistry registry;

    CommandSignals(CommandBus commandBus, MeterRegistry registry) {
        this.commandBus = commandBus;
        this.registry = registry;
    }

    /** Registered on the bus itself, as the other command interceptors are (a bean would be registered twice). */
    @Override
    public void afterSingletonsInstantiated() {
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = this::measure;
        commandBus.registerHandlerInterceptor(interceptor);
    }

    private Object measure(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        long started = System.nanoTime();
        String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
        unitOfWork.afterCommit(done -> record(command, OK, started));
        unitOfWork.onRollback(failed -> record(command, outcome(failed.getExecutionResult() == null ? null
                : failed.getExecutionResult().getExceptionResult()), started));
        return chain.proceed();
    }

    private void record(String command, String outcome, long started) {
        Counter.builder("relais.commands").description("Commands handled, by command and outcome")
                .tag("command", command).tag("outcome", outcome).register(registry).increment();
        Timer.builder("relais.command.duration").description("Time to handle and commit (or roll back) a command")
                .tag("command", command).tag("outcome", outcome).serviceLevelObjectives(BUCKETS)
                .register(registry).record(Duration.ofNanos(System.nanoTime() - started));
    }

    /** The error code the API answers the failure with, when it has one; {@code error} otherwise. */
    static String outcome(Throwable failure) {
        if (failure instanceof RuleViolationException rule) {
            return rule.code().name();
        }
        if (failure instanceof CommandExecutionException execution) {
            Optional<Object> details = execution.getDetails();
            if (details.isPresent() && details.get() instanceof ErrorCode code) {
                return code.name();
            }
        }
        if (failure instanceof ConcurrencyException || failure instanceof ConflictingModificationException) {
            return ErrorCode.VERSION_CONFLICT.name();
        }
        if (failure instanceof AggregateNotFoundException) {
            return ErrorCode.NOT_FOUND.name();
        }
        if (failure instanceof AggregateStreamCreationException) {
            return ErrorCode.REFERRAL_ALREADY_EXISTS.name();
        }
        return ERROR;
    }
}
