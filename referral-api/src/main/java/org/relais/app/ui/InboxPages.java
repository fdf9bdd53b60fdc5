package org.relais.app.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.referral.AcceptTransferCommand;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.referral.CompleteTransferCommand;
import org.relais.core.api.referral.DeclineTransferCommand;
import org.relais.core.api.query.FindPartnerInboxQuery;
import org.relais.core.api.query.NoticeAnswerView;
import org.relais.core.api.query.PartnerInboxItemView;
import org.relais.core.api.query.PartnerInboxPageView;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.referral.TransferState;
import org.relais.app.access.PartnerAccess;
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
 * A liaison's inbox (always its own partner's: the partner comes from the signed-in account, never from the page)
 * and its answers to a transfer. The referral checks that the liaison speaks for the addressed partner.
 */
@Controller
@PreAuthorize("hasRole('LIAISON')")
class InboxPages {

    private final QueryGateway queries;
    private final UiCommands commands;
    private final Clock clock;
    private final PartnerAccess access;

    InboxPages(QueryGateway queries, UiCommands commands, Clock clock, PartnerAccess access) {
        this.queries = queries;
        this.commands = commands;
        this.clock = clock;
        this.access = access;
    }

    record Row(PartnerInboxItemView item, long minutesLeft, boolean awaitingAnswer, List<Notice> notices) {
    }

    /** One notice of a content removal as the inbox lists it: its number from 1, and the answer (null if none). */
    record Notice(int number, NoticeAnswerView answer) {
    }

    private static List<Notice> notices(PartnerInboxItemView item) {
        if (item.noticeCount() == null) {
            return List.of();
        }
        return IntStream.range(0, item.noticeCount()).mapToObj(index -> new Notice(index + 1,
                item.noticeAnswers().stream().filter(a -> a.noticeIndex() == index).findFirst().orElse(null)))
                .toList();
    }

    @GetMapping("/ui/inbox")
    String inbox(@RequestParam(required = false) TransferState state,
                 @RequestParam(defaultValue = "0") int page, Model model) {
        Actor me = Actor.required();
        access.requireInbox(me, me.partnerId());
        int safePage = Math.max(0, Math.min(page, 100_000));
        int size = 25;
        PartnerInboxPageView inbox = queries.query(new FindPartnerInboxQuery(me.partnerId(), state, safePage, size),
                PartnerInboxPageView.class).join();
        Instant now = clock.instant();
        List<Row> rows = inbox.items().stream().map(item -> new Row(item,
                item.deadline() == null ? 0 : Duration.between(now, item.deadline()).toMinutes(),
                item.state() == TransferState.REQUESTED || item.state() == TransferState.ACKNOWLEDGED, notices(item)))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("inbox", inbox);
        model.addAttribute("state", state);
        model.addAttribute("pages", (inbox.total() + size - 1) / size);
        Options.addTo(model);
        return "inbox";
    }

    @PostMapping("/ui/cases/{referralId}/transfers/{transferId}/acknowledgement")
    String acknowledge(@PathVariable String referralId, @PathVariable String transferId,
                       @RequestParam(defaultValue = "case") String back, RedirectAttributes redirect) {
        CasePages.requireId(referralId);
        CasePages.requireId(transferId);
        commands.send(new AcknowledgeTransferCommand(referralId, transferId), redirect, "answer.acknowledged");
        return back(back, referralId);
    }

    @PostMapping("/ui/cases/{referralId}/transfers/{transferId}/acceptance")
    String accept(@PathVariable String referralId, @PathVariable String transferId,
                  @RequestParam(defaultValue = "case") String back, RedirectAttributes redirect) {
        CasePages.requireId(referralId);
        CasePages.requireId(transferId);
        commands.send(new AcceptTransferCommand(referralId, transferId), redirect, "answer.accepted");
        return back(back, referralId);
    }

    @PostMapping("/ui/cases/{referralId}/transfers/{transferId}/decline")
    String decline(@PathVariable String referralId, @PathVariable String transferId,
                   @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        CasePages.requireId(referralId);
        CasePages.requireId(transferId);
        commands.send(new DeclineTransferCommand(referralId, transferId, CasePages.blankToNull(reason, 2_000)),
                redirect, "answer.declined");
        return back("case", referralId);
    }

    @PostMapping("/ui/cases/{referralId}/transfers/{transferId}/completion")
    String complete(@PathVariable String referralId, @PathVariable String transferId,
                    @RequestParam(required = false) TransferOutcome outcome,
                    @RequestParam(defaultValue = "") String statementOfReasons,
                    @RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
        CasePages.requireId(referralId);
        CasePages.requireId(transferId);
        if (outcome == null) {
            UiCommands.invalid(redirect, "answer.outcomeRequired");
        } else {
            commands.send(new CompleteTransferCommand(referralId, transferId, outcome,
                    CasePages.blankToNull(statementOfReasons, 5_000), CasePages.blankToNull(note, 5_000)), redirect,
                    "answer.completed");
        }
        return back("case", referralId);
    }

    /** Only two places to go back to, so a crafted form cannot redirect anywhere else. */
    private static String back(String back, String referralId) {
        return "inbox".equals(back) ? "redirect:/ui/inbox" : "redirect:/ui/cases/" + referralId;
    }
}
