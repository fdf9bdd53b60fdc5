package org.relais.app.ui;

import org.relais.core.api.referral.NoticeOutcome;
import org.relais.core.api.referral.RecordNoticeOutcomeCommand;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A liaison reports, on the case page, what the hosting service did with one notice of a content removal. Notices are
 * numbered from 1 on the page, as a person counts the links, and from 0 in the API; the time of action is now.
 */
@Controller
@PreAuthorize("hasRole('LIAISON')")
class NoticePages {

    private final UiCommands commands;

    NoticePages(UiCommands commands) {
        this.commands = commands;
    }

    @PostMapping("/ui/cases/{referralId}/transfers/{transferId}/notices")
    String answer(@PathVariable String referralId, @PathVariable String transferId,
                  @RequestParam(required = false) Integer notice, @RequestParam(required = false) NoticeOutcome outcome,
                  @RequestParam(defaultValue = "") String statementOfReasons, RedirectAttributes redirect) {
        CasePages.requireId(referralId);
        CasePages.requireId(transferId);
        if (notice == null || notice < 1 || outcome == null) {
            UiCommands.invalid(redirect, "notice.incomplete");
        } else {
            commands.send(new RecordNoticeOutcomeCommand(referralId, transferId, notice - 1, outcome, null,
                    CasePages.blankToNull(statementOfReasons, 200)), redirect, "notice.recorded");
        }
        return "redirect:/ui/cases/" + referralId;
    }
}
