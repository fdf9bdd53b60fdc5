package org.relais.core.partner;

/** Exposes the package-private Partner aggregate type to the wiring, and nothing else of it. */
public final class PartnerModel {

    private PartnerModel() {
    }

    public static Class<?> aggregateType() {
        return Partner.class;
    }
}
