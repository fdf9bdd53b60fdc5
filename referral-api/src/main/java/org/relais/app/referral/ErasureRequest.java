package org.relais.app.referral;

import jakarta.validation.constraints.Size;

/** Why the personal data of a case is erased (retention expiry, a data-subject request); optional. */
record ErasureRequest(@Size(max = 2_000) String reason) {

    @Override
    public String toString() {
        return "ErasureRequest[redacted]";
    }
}
