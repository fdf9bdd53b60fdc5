package org.relais.app.access;

import java.time.Clock;
import java.time.Instant;

import org.relais.core.access.CaseAccess;
import org.relais.core.access.CaseAccessLedger;
import org.relais.core.access.LiaisonReach;
import org.relais.core.access.TransferAccess;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.Role;
import org.relais.core.api.RuleViolationException;
import org.relais.core.partner.PartnerDirectory;
import org.relais.app.security.Actor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * What a partner's liaison may reach, decided on the write side at the moment of the read: the partner directory
 * (attachments and status, from the Partner aggregate's events) and the case's transfers (from the referral's
 * events). Nothing here reads a read model or a cache, so a detachment, a suspension, a completion or a withdrawn
 * consent is enforced on every instance from the commit of its command.
 */
@Component
public class PartnerAccess {

    private final PartnerDirectory directory;
    private final CaseAccessLedger ledger;
    private final AccessProperties properties;
    private final Clock clock;

    PartnerAccess(PartnerDirectory directory, CaseAccessLedger ledger, AccessProperties properties, Clock clock) {
        this.directory = directory;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * How far {@code actor} reaches into {@code partnerId}'s transfers: a liaison who claims that partner and whom
     * the directory has attached to it; nobody else reaches any partner's transfers as a liaison.
     */
    public LiaisonReach reach(Actor actor, String partnerId) {
        return LiaisonReach.forAccount(actor.role().name(), actor.partnerId(), actor.username(), partnerId, directory);
    }

    /** What the partner's liaisons reached at {@code asOf}: for an auditor replaying what they were shown. */
    public LiaisonReach reachOfPartnerAsOf(String partnerId, Instant asOf) {
        return LiaisonReach.ofPartner(directory.termsAsOf(partnerId, asOf));
    }

    /** Refuses (403) a liaison who does not reach {@code partnerId}'s inbox; coordinators pass. */
    public void requireInbox(Actor actor, String partnerId) {
        if (actor.role() == Role.COORDINATOR) {
            return;
        }
        if (!reach(actor, partnerId).seesTransfers()) {
            throw new AccessDeniedException("not a liaison of this partner");
        }
    }

    public CaseAccess caseNow(String referralId) {
        return ledger.now(referralId);
    }

    public CaseAccess caseAsOf(String referralId, Instant asOf) {
        return ledger.asOf(referralId, asOf);
    }

    /**
     * Refuses a message on a transfer that no longer opens the case to its partner (completed longer than
     * {@code relais.access.after-completion} ago), from either side: the partner could not read it. The referral
     * decides the rest of who may write, but not this setting. Nothing is said to a liaison about a transfer of
     * another partner: the referral answers that one as unknown.
     */
    public void requireConversationOpen(Actor actor, String referralId, String transferId) {
        if (actor.role() != Role.LIAISON && actor.role() != Role.COORDINATOR) {
            return;
        }
        caseNow(referralId).transfer(transferId)
                .filter(transfer -> actor.role() == Role.COORDINATOR || transfer.partnerId().equals(actor.partnerId()))
                .filter(transfer -> actor.role() == Role.COORDINATOR
                        || reach(actor, transfer.partnerId()).seesPersonalData())
                .filter(transfer -> !transfer.consentWithdrawn() && !opensPersonalData(transfer, null))
                .ifPresent(transfer -> {
                    throw RuleViolationException.of(ErrorCode.TRANSFER_STATE_INVALID,
                            "The transfer no longer opens the case to its partner.");
                });
    }

    public boolean opensPersonalData(TransferAccess transfer, Instant at) {
        return transfer.opensPersonalData(at == null ? clock.instant() : at, properties.afterCompletion());
    }
}
