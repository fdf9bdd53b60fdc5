package org.relais.app.referral;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of a rectification: any of the victim's and the reporter's name and contact, the content URLs (replacing
 * the list), and an addendum to the narrative. Absent fields stay as they are; none can be cleared (see the
 * referral's rectification policy). The limits are the intake's.
 */
record RectificationRequest(@Valid IntakeRequest.Person victim,
                            @Valid IntakeRequest.Person reporter,
                            @Size(max = 50) List<@NotNull @Size(max = 2048) @Pattern(regexp = "https?://\\S+",
                                    message = "{relais.validation.httpUrl}") String> contentUrls,
                            @Size(max = 20_000) String narrativeAddendum) {

    @Override
    public String toString() {
        return "RectificationRequest[redacted]";
    }
}
