package org.relais.projections.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.ConsentGivenEvent;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.referral.SealedPersonalDetails;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferReroutedEvent;

/**
 * The events the referral aggregate stores for the usual steps of a case, as the demo users take them (personal data
 * and free texts sealed, the actor in metadata), appended to a {@link History}.
 */
public final class Cases {

    public static final String PLATFORM = "demo-platform";
    public static final String HELPLINE = "demo-helpline";
    public static final Duration SLA = Duration.ofHours(4);

    private final History history;
    private final Map<String, String> references = new HashMap<>();

    public Cases(History history) {
        this.history = history;
    }

    public String reference(String referralId) {
        return references.get(referralId);
    }

    public String intake(Channel channel, AgeBand ageBand, Category... categories) {
        String id = UUID.randomUUID().toString();
        String reference = String.format("R-2026-%06d", references.size() + 1);
        references.put(id, reference);
        history.referral(id, new ReferralReceivedEvent(id, reference, channel, ReporterRole.VICTIM, ageBand,
                Set.of(categories), new SealedPersonalDetails(id, "v1:name", "v1:phone", null, null,
                "v1:narrative", List.of("v1:url"))), History.COORDINATOR);
        return id;
    }

    /** A case received by chat, a teenager's, triaged at {@code risk}, with the victim's consent. */
    public String withConsent(RiskLevel risk) {
        String id = intake(Channel.CHAT, AgeBand.AGE_15_17, Category.CYBERHARASSMENT);
        history.referral(id, new ReferralTriagedEvent(id, risk, Set.of(Category.CYBERHARASSMENT), AgeBand.AGE_15_17),
                History.COORDINATOR);
        history.referral(id, new ConsentGivenEvent(id, "v1:the-victim"), History.COORDINATOR);
        return id;
    }

    /** A content removal of the case's URLs, on consent, to the partner (a platform hosts what it removes). */
    public long removal(String referralId, String transferId, String partnerId) {
        return history.referral(referralId, removalRequest(referralId, transferId, partnerId), History.COORDINATOR);
    }

    public TransferRequestedEvent removalRequest(String referralId, String transferId, String partnerId) {
        boolean platform = partnerId.equals(PLATFORM);
        return new TransferRequestedEvent(referralId, transferId, partnerId,
                platform ? PartnerKind.ONLINE_PLATFORM : PartnerKind.VICTIM_SUPPORT_ASSOCIATION,
                TransferPurpose.CONTENT_REMOVAL, LegalBasis.CONSENT, Set.of(ShareableField.CONTENT_URLS), null,
                history.now().plus(SLA), SLA, new HostingService(platform ? "Plateforme en ligne (démo)"
                : "Social Example", platform ? PLATFORM : null), 1);
    }

    public long acknowledge(String referralId, String transferId, String partnerId) {
        return history.referral(referralId, new TransferAcknowledgedEvent(referralId, transferId, partnerId, false),
                liaisonOf(partnerId));
    }

    public long accept(String referralId, String transferId, String partnerId) {
        return history.referral(referralId, new TransferAcceptedEvent(referralId, transferId, partnerId),
                liaisonOf(partnerId));
    }

    public long decline(String referralId, String transferId, String partnerId) {
        return history.referral(referralId, new TransferDeclinedEvent(referralId, transferId, partnerId,
                "v2:not-ours"), liaisonOf(partnerId));
    }

    public long complete(String referralId, String transferId, String partnerId, TransferOutcome outcome) {
        return history.referral(referralId, new TransferCompletedEvent(referralId, transferId, partnerId, outcome,
                null, null), liaisonOf(partnerId));
    }

    /** The aggregate's re-routing: the old transfer points to its replacement, then the replacement is requested. */
    public long reroute(String referralId, String transferId, TransferRequestedEvent replacement) {
        history.referral(referralId, new TransferReroutedEvent(referralId, transferId, replacement.transferId()),
                History.COORDINATOR);
        return history.referral(referralId, replacement, History.COORDINATOR);
    }

    public long close(String referralId, ClosureOutcome outcome) {
        return history.referral(referralId, new ReferralClosedEvent(referralId, outcome, null), History.COORDINATOR);
    }

    public long closeAsDuplicateOf(String referralId, String original) {
        return history.referral(referralId, new ReferralClosedEvent(referralId, ClosureOutcome.DUPLICATE, null,
                original, reference(original)), History.COORDINATOR);
    }

    public long reopen(String referralId) {
        return history.referral(referralId, new ReferralReopenedEvent(referralId, "v2:the-caller-rang-again"),
                History.COORDINATOR);
    }

    private static Map<String, String> liaisonOf(String partnerId) {
        return History.liaison(partnerId.equals(PLATFORM) ? "platform" : "helpline", partnerId);
    }
}
