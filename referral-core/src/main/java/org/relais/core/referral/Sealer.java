package org.relais.core.referral;

/** Seals one free-text value of the referral's subject; a null value stays null. */
@FunctionalInterface
interface Sealer {

    String seal(String field, String value);
}
