package org.relais.app.partner;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** A user account (of the configured users, or a JWT's user name) that acts for the partner. */
record LiaisonRequest(@NotBlank @Pattern(regexp = PartnerController.USERNAME_PATTERN,
        message = "{relais.validation.username}") String username) {
}
