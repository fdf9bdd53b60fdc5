package org.relais.app.ui;

import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.relais.core.api.referral.AddNoteCommand;
import org.relais.core.api.referral.PostTransferMessageCommand;
import org.relais.app.access.PartnerAccess;
import org.relais.app.notifications.CoordinatorNotifications;
import org.relais.app.http.problem.NotFoundException;
import org.relais.app.security.Actor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Writing on a case after intake, and what coordinators are told: internal notes, the conversation of a transfer
 * (both shown on the case page, drawn by {@link CasePages}) and the coordinator's notifications page. The same
 * commands and rules as the API; each action redirects back (post-redirect-get).
 */
@Controller
class TalkPages {

    private static final String ID = "[A-Za-z0-9-]{1,64}";
    private static final int MAX_TEXT = 4_000;

    private final CommandGateway gateway;
    private final UiCommands commands;
    private final PartnerAccess access;
    private final CoordinatorNotifications notifications;
    private final ReadYourWrites readYourWrites;

    TalkPages(CommandGateway gateway, UiCommands commands, PartnerAccess access,
              CoordinatorNotifications notifications, ReadYourWrites readYourWrites) {
        this.gateway = gateway;
        this.commands = commands;
        this.access = access;
        this.notifications = notifications;
        this.readYourWrites = readYourWrites;
    }

    @PostMapping("/ui/cases/{referralId}/notes")
    @PreAuthorize("hasRole('COORDINATOR')")
    String note(@PathVariable String referralId, @RequestParam(defaultValue = "") String text,
                RedirectAttributes redirect) {
        requireId(referralId);
        if (text.isBlank() || text.length() > MAX_TEXT) {
            UiCommands.invalid(redirect, "note.textRequired");
        } else {
            commands.send(new AddNoteCommand(referralId, UUID.randomUUID().toString(), text.strip()), redirect,
                    "note.done");
        }
        return "redirect:/ui/cases/" + referralId + "#notes";
    }

    @PostMapping("/ui/cases/{referralId}/transfers/{transferId}/messages")
    @PreAuthorize("hasAnyRole('COORDINATOR', 'LIAISON')")
    String message(@PathVariable String referralId, @PathVariable String transferId,
                   @RequestParam(defaultValue = "") String text, RedirectAttributes redirect) {
        requireId(referralId);
        requireId(transferId);
        if (text.isBlank() || text.length() > MAX_TEXT) {
            UiCommands.invalid(redirect, "message.textRequired");
        } else {
            commands.attempt(() -> {
                access.requireConversationOpen(Actor.required(), referralId, transferId);
                return gateway.sendAndWait(new PostTransferMessageCommand(referralId, transferId,
                        UUID.randomUUID().toString(), text.strip()));
            }, redirect, "message.done");
        }
        return "redirect:/ui/cases/" + referralId + "#thread-" + transferId;
    }

    @GetMapping("/ui/notifications")
    @PreAuthorize("hasRole('COORDINATOR')")
    String notifications(Model model) {
        model.addAttribute("notifications", notifications.unread(Actor.required().username()));
        return "notifications";
    }

    /** Marks it read and opens the case it is about. */
    @PostMapping("/ui/notifications/{notificationId}/read")
    @PreAuthorize("hasRole('COORDINATOR')")
    String read(@PathVariable String notificationId, @RequestParam(defaultValue = "false") boolean open) {
        requireId(notificationId);
        String referralId = notifications.markRead(notificationId, Actor.required().username())
                .orElseThrow(NotFoundException::new).referralId();
        readYourWrites.await(); // the list shown next no longer holds it
        return open ? "redirect:/ui/cases/" + referralId : "redirect:/ui/notifications";
    }

    private static void requireId(String id) {
        if (id == null || !id.matches(ID)) {
            throw new NotFoundException();
        }
    }
}
