package org.relais.app.referral;

/** What an id in a URL may look like: opaque, URL-safe, short. Anything else is refused before any lookup. */
final class Ids {

    static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";

    private Ids() {
    }
}
