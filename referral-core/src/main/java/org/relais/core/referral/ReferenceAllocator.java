package org.relais.core.referral;

import java.time.Year;

/**
 * Hands out the short human reference of a referral ({@code R-2026-000123}), read out over the phone. Numbers
 * restart every year and must be unique across every application instance, so the implementation lives with the
 * write-side database and takes part in the command's transaction.
 */
public interface ReferenceAllocator {

    long nextNumber(Year year);

    static String format(Year year, long number) {
        return String.format("R-%d-%06d", year.getValue(), number);
    }
}
