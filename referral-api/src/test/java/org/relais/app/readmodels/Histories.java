package org.relais.app.readmodels;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.relais.core.api.referral.AcceptTransferCommand;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.CloseReferralCommand;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.CompleteTransferCommand;
import org.relais.core.api.referral.GiveConsentCommand;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.RequestTransferCommand;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TriageReferralCommand;

/**
 * A realistic mix of cases, deterministic by index: several channels, a third of them minors, most triaged at
 * every risk level, content-removal transfers to the platform (some acknowledged, some completed), police
 * investigations for minors without consent, and some closures.
 */
final class Histories {

    private static final Channel[] CHANNELS = {Channel.CHAT, Channel.PHONE, Channel.WEB_FORM, Channel.EMAIL,
            Channel.ACCESSIBLE_SIGN_LANGUAGE};

    private Histories() {
    }

    /** Sends the history of case {@code i}; returns its referral id. */
    static String caseNumber(Actors actors, int i) {
        String id = UUID.randomUUID().toString();
        boolean minor = i % 3 == 0;
        Category[] categories = i % 2 == 0 ? new Category[] {Category.CYBERHARASSMENT}
                : new Category[] {Category.CYBERHARASSMENT, Category.HATE_SPEECH};
        actors.intake(id, CHANNELS[i % CHANNELS.length], minor ? AgeBand.AGE_11_14 : AgeBand.ADULT, categories);
        if (i % 5 == 4) {
            return id;
        }
        RiskLevel risk = RiskLevel.values()[i % RiskLevel.values().length];
        actors.send(new TriageReferralCommand(id, risk, null, null), Actors.COORDINATOR);
        if (minor) {
            actors.send(new RequestTransferCommand(id, "police", "demo-police-minors", TransferPurpose.INVESTIGATION,
                    LegalBasis.MANDATORY_REPORT, Set.of(ShareableField.VICTIM_NAME, ShareableField.NARRATIVE),
                    "Minor at risk"), Actors.COORDINATOR);
            if (i % 2 == 0) {
                actors.send(new AcknowledgeTransferCommand(id, "police"), Actors.POLICE);
            }
        }
        if (i % 2 == 0) {
            actors.send(new GiveConsentCommand(id, "Victim"), Actors.COORDINATOR);
            actors.send(new RequestTransferCommand(id, "removal", "demo-platform", TransferPurpose.CONTENT_REMOVAL,
                    LegalBasis.CONSENT, Set.of(ShareableField.CONTENT_URLS), null), Actors.COORDINATOR);
            if (i % 4 == 0) {
                actors.send(new AcknowledgeTransferCommand(id, "removal"), Actors.PLATFORM);
                actors.send(new AcceptTransferCommand(id, "removal"), Actors.PLATFORM);
                actors.send(new CompleteTransferCommand(id, "removal", TransferOutcome.CONTENT_REMOVED, null, null),
                        Actors.PLATFORM);
                if (!minor) {
                    actors.send(new CloseReferralCommand(id, ClosureOutcome.RESOLVED, null), Actors.COORDINATOR);
                }
            }
        }
        return id;
    }

    static List<String> cases(Actors actors, int from, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            ids.add(caseNumber(actors, i));
        }
        return ids;
    }
}
