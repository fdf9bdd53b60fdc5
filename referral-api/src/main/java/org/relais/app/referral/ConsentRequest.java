package org.relais.app.referral;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Who gives or withdraws consent (the victim, or a minor's legal guardian): personal data, sealed at once. */
record ConsentRequest(@NotBlank @Size(max = 200) String givenBy) {

    @Override
    public String toString() {
        return "ConsentRequest[redacted]";
    }
}
