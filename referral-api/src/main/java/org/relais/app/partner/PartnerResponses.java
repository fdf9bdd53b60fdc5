package org.relais.app.partner;

/** What the partner commands answer once their events are stored: always the partner's new version. */
final class PartnerResponses {

    private PartnerResponses() {
    }

    record PartnerChanged(String partnerId, long version, long position) {
    }

    /** {@code change} says which the agreement endpoint did: {@code SIGNED} the first time, then {@code AMENDED}. */
    record AgreementChanged(String partnerId, AgreementChange change, long version, long position) {
    }

    enum AgreementChange {
        SIGNED,
        AMENDED
    }
}
