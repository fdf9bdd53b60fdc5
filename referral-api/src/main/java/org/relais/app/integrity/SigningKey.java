package org.relais.app.integrity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The Ed25519 key that signs checkpoints (the JDK's own implementation). Its public half is published with the
 * checkpoints; the private half never leaves the key directory or the configuration.
 */
final class SigningKey {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKey(KeyPair pair) {
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
    }

    static SigningKey generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, random);
            return new SigningKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    /**
     * A key given as base64 PKCS#8 ({@code openssl genpkey -algorithm ed25519 -outform DER | base64}). The JDK
     * derives no public key from a private one; its key pair generator does, from the 32 random bytes it draws, so
     * it is handed exactly the private key's bytes. The pair is then checked by a signature.
     */
    static SigningKey fromBase64(String pkcs8) {
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PrivateKey given = factory.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8.trim())));
            byte[] secret = factory.getKeySpec(given, EdECPrivateKeySpec.class).getBytes();
            SecureRandom exactly = new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(secret, 0, bytes, 0, Math.min(secret.length, bytes.length));
                }
            };
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, exactly);
            SigningKey key = new SigningKey(generator.generateKeyPair());
            byte[] probe = "relais-signing-key-check".getBytes(StandardCharsets.US_ASCII);
            if (!Arrays.equals(key.privateKey.getEncoded(), given.getEncoded())
                    || !CheckpointSignatures.verify(key.publicKey, probe, key.sign(probe))) {
                throw new IllegalStateException("the signing key's public half could not be derived");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("relais.integrity.signing-key is not a base64 PKCS#8 Ed25519 private key");
        }
    }

    String toBase64() {
        return Base64.getEncoder().encodeToString(privateKey.getEncoded());
    }

    byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signature failed", e);
        }
    }

    PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String toString() {
        return "SigningKey[" + CheckpointSignatures.keyId(publicKey) + ", private half redacted]";
    }
}
