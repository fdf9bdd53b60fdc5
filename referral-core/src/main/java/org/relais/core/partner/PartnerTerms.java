package org.relais.core.partner;

import java.util.Set;

import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.partner.PartnerStatus;

/**
 * A partner as the write side knows it at the moment it is asked: its kind, status and agreement for the transfer
 * gate ({@code agreement} is null before one is signed), and the accounts attached to it as liaisons, which decide
 * what a signed-in liaison may reach.
 */
public record PartnerTerms(String partnerId, PartnerKind kind, PartnerStatus status, AgreementTerms agreement,
                           Set<String> liaisons, String name) {

    public PartnerTerms {
        liaisons = liaisons == null ? Set.of() : Set.copyOf(liaisons);
    }

    /** A partner whose name does not matter to the caller. */
    public PartnerTerms(String partnerId, PartnerKind kind, PartnerStatus status, AgreementTerms agreement,
                        Set<String> liaisons) {
        this(partnerId, kind, status, agreement, liaisons, null);
    }

    /** A partner without liaisons yet, as registered. */
    public PartnerTerms(String partnerId, PartnerKind kind, PartnerStatus status, AgreementTerms agreement) {
        this(partnerId, kind, status, agreement, Set.of());
    }

    /** A partner as registered, named: a platform partner names the hosting service of its content removals. */
    static PartnerTerms registered(String partnerId, String name, PartnerKind kind) {
        return new PartnerTerms(partnerId, kind, PartnerStatus.ACTIVE, null, Set.of(), name);
    }

    PartnerTerms withStatus(PartnerStatus newStatus) {
        return new PartnerTerms(partnerId, kind, newStatus, agreement, liaisons, name);
    }

    PartnerTerms withAgreement(AgreementTerms newAgreement) {
        return new PartnerTerms(partnerId, kind, status, newAgreement, liaisons, name);
    }

    PartnerTerms withLiaisons(Set<String> newLiaisons) {
        return new PartnerTerms(partnerId, kind, status, agreement, newLiaisons, name);
    }
}
