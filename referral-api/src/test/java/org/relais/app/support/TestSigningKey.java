package org.relais.app.support;

/**
 * A fixed Ed25519 checkpoint signing key (base64 PKCS#8) for the tests that run on an external database, where
 * Relais generates no key and every instance must be given the same one. A test key, worthless anywhere else.
 */
public final class TestSigningKey {

    public static final String BASE64 = "MC4CAQAwBQYDK2VwBCIEIHeH2gTYw2Z4tt7O3gfBzQtqkajySZQERvxrYEUgj7Vj";

    private TestSigningKey() {
    }
}
