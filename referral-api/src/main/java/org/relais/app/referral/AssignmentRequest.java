package org.relais.app.referral;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The coordinator (a user name of the service) who follows the case. */
record AssignmentRequest(@NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._@-]+",
        message = "{relais.validation.username}") String coordinator) {
}
