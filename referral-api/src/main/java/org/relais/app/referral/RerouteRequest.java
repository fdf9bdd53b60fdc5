package org.relais.app.referral;

import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferPurpose;

/**
 * Sends a declined or cancelled transfer on to a partner; {@code purpose}, {@code legalBasis} and
 * {@code sharedFields} left out keep the replaced transfer's.
 */
record RerouteRequest(@NotBlank @Pattern(regexp = Ids.PATTERN, message = "{relais.validation.partnerId}") String partnerId,
                      TransferPurpose purpose,
                      LegalBasis legalBasis,
                      @Size(max = 6) Set<@NotNull ShareableField> sharedFields,
                      @Size(max = 5_000) String message,
                      @Valid HostingServiceRequest hostingService) {

    @Override
    public String toString() {
        return "RerouteRequest[partnerId=" + partnerId + ", purpose=" + purpose + "]";
    }
}
