package org.relais.core.api.referral;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CoordinatorAssignedEvent(String referralId, String coordinator) {
}
