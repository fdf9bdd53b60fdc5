package org.relais.core.access;

import java.util.Optional;

import org.relais.core.api.partner.PartnerStatus;
import org.relais.core.api.Role;
import org.relais.core.partner.PartnerDirectory;
import org.relais.core.partner.PartnerTerms;

/**
 * How far a signed-in liaison reaches into a partner's transfers. The identity provider says who the user is; the
 * partner directory (the Partner aggregate's liaisons and status) says what they may reach.
 */
public enum LiaisonReach {
    /** Not attached to the partner, or the partner is terminated or unknown: the partner's transfers do not exist. */
    NONE,
    /** A suspended partner's liaisons: references, states and deadlines, no personal data until resumption. */
    INBOX,
    /** An active partner's attached liaisons: the inbox, and personal data through transfers that grant it. */
    CASE_DATA;

    /**
     * How far an account reaches into {@code partnerId}'s transfers: only a liaison who claims that partner (the
     * identity provider's or the configuration's word), and then as far as the directory lets that account.
     */
    public static LiaisonReach forAccount(String role, String claimedPartner, String user, String partnerId,
                                          PartnerDirectory directory) {
        boolean claimed = Role.LIAISON.name().equals(role) && partnerId != null && partnerId.equals(claimedPartner);
        return claimed ? of(directory.currentTerms(partnerId), user) : NONE;
    }

    public static LiaisonReach of(Optional<PartnerTerms> partner, String user) {
        if (partner.isEmpty() || user == null || !partner.get().liaisons().contains(user)) {
            return NONE;
        }
        return switch (partner.get().status()) {
            case ACTIVE -> CASE_DATA;
            case SUSPENDED -> INBOX;
            case TERMINATED -> NONE;
        };
    }

    /** What the partner's liaisons in general reach, whoever they are: for an auditor's replay of what they saw. */
    public static LiaisonReach ofPartner(Optional<PartnerTerms> partner) {
        return partner.map(terms -> terms.status() == PartnerStatus.ACTIVE ? CASE_DATA
                : terms.status() == PartnerStatus.SUSPENDED ? INBOX : NONE).orElse(NONE);
    }

    public boolean seesTransfers() {
        return this != NONE;
    }

    public boolean seesPersonalData() {
        return this == CASE_DATA;
    }
}
