package org.relais.app.partner;

import jakarta.validation.constraints.Size;

/** Why an agreement is suspended, resumed or terminated (required, except to resume), kept for the audit. */
record PartnerReasonRequest(@Size(max = 2_000) String reason) {
}
