package org.relais.core.privacy;

/** A data key encrypted by the master key identified by {@code masterKeyId}. */
public record WrappedKey(String masterKeyId, byte[] wrapped) {
}
