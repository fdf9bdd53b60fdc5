package org.relais.app.ui;

import java.util.function.Supplier;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.relais.core.api.CommandResult;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.RuleViolationException;
import org.relais.app.http.problem.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sends a page's command through the same command bus as the API (the actor travels in the metadata, the
 * aggregates decide) and turns a refusal into a message for the next page (post-redirect-get). A liaison answering
 * a transfer of another partner is told it does not exist, as the API does.
 */
@Component
class UiCommands {

    static final String ERROR = "errorKey";
    static final String SUCCESS = "successKey";

    private final CommandGateway commands;
    private final ReadYourWrites readYourWrites;

    UiCommands(CommandGateway commands, ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.readYourWrites = readYourWrites;
    }

    /** Sends {@code command}; true when it was stored, false (with the reason flashed) when a rule refused it. */
    boolean send(Object command, RedirectAttributes redirect, String successKey) {
        return attempt(() -> commands.sendAndWait(command), redirect, successKey) != null;
    }

    CommandResult attempt(Supplier<CommandResult> send, RedirectAttributes redirect, String successKey) {
        try {
            CommandResult result = send.get();
            redirect.addFlashAttribute(SUCCESS, successKey);
            readYourWrites.await();
            return result;
        } catch (RuleViolationException e) {
            if (e.code() == ErrorCode.NOT_LIAISON_OF_PARTNER) {
                throw new NotFoundException();
            }
            redirect.addFlashAttribute(ERROR, messageKey(e.code()));
            return null;
        }
    }

    /**
     * Sends a form's command; null when it was stored (and the pages will show it), else the rule that refused it,
     * for the form to come back with what was typed.
     */
    ErrorCode refusal(Supplier<CommandResult> send) {
        try {
            send.get();
            readYourWrites.await();
            return null;
        } catch (RuleViolationException e) {
            if (e.code() == ErrorCode.NOT_LIAISON_OF_PARTNER) {
                throw new NotFoundException();
            }
            return e.code();
        }
    }

    static String messageKey(ErrorCode code) {
        return "error.code." + code.name();
    }

    static void invalid(RedirectAttributes redirect, String key) {
        redirect.addFlashAttribute(ERROR, key);
    }
}
