package org.relais.core.api.query;

import org.relais.core.api.referral.TransferState;

/** A page of the transfers addressed to one partner, overdue first then by deadline; {@code state} null = any. */
public record FindPartnerInboxQuery(String partnerId, TransferState state, int page, int size) {
}
