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

/** Hands the case to one partner for one purpose, naming the personal-data fields it may see. */
record TransferRequest(@NotBlank @Pattern(regexp = Ids.PATTERN, message = "{relais.validation.partnerId}") String partnerId,
                       @NotNull TransferPurpose purpose,
                       @NotNull LegalBasis legalBasis,
                       @NotNull @Size(max = 6) Set<@NotNull ShareableField> sharedFields,
                       @Size(max = 5_000) String message,
                       @Valid HostingServiceRequest hostingService) {

    @Override
    public String toString() {
        return "TransferRequest[partnerId=" + partnerId + ", purpose=" + purpose + "]";
    }
}
