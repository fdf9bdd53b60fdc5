package org.relais.app.referral;

import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.ReporterRole;

/** The intake body of the HTTP contract; personal data under {@code victim}, {@code reporter}, {@code narrative}. */
record IntakeRequest(@NotNull Channel channel,
                     @NotNull ReporterRole reporterRole,
                     @NotNull AgeBand ageBand,
                     @NotEmpty @Size(max = 11) Set<@NotNull Category> categories,
                     @Size(max = 50) List<@NotNull @Size(max = 2048) @Pattern(regexp = "https?://\\S+",
                             message = "{relais.validation.httpUrl}") String> contentUrls,
                     @Valid Person victim,
                     @Valid Person reporter,
                     @Size(max = 20_000) String narrative) {

    record Person(@Size(max = 200) String name, @Size(max = 500) String contact) {

        @Override
        public String toString() {
            return "Person[redacted]";
        }
    }

    PersonalDetails personalDetails() {
        return new PersonalDetails(victim == null ? null : victim.name(), victim == null ? null : victim.contact(),
                reporter == null ? null : reporter.name(), reporter == null ? null : reporter.contact(), narrative,
                contentUrls);
    }

    @Override
    public String toString() {
        return "IntakeRequest[channel=" + channel + ", categories=" + categories + "]";
    }
}
