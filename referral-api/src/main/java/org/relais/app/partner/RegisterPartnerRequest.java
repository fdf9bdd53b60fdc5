package org.relais.app.partner;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.relais.core.api.PartnerKind;

/** A new partner: its id is chosen by the administrator (a lower-case slug, e.g. {@code police-minors-75}). */
record RegisterPartnerRequest(@NotBlank @Pattern(regexp = PartnerController.ID_PATTERN,
                                      message = "{relais.validation.newPartnerId}") String partnerId,
                              @NotBlank @Size(max = 200) String name,
                              @NotNull PartnerKind kind) {
}
