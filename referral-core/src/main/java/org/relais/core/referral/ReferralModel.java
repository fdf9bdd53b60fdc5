package org.relais.core.referral;

/** Exposes the package-private Referral aggregate type to the wiring, and nothing else of it. */
public final class ReferralModel {

    private ReferralModel() {
    }

    public static Class<?> aggregateType() {
        return Referral.class;
    }
}
