package org.relais.core.api.query;

/**
 * How many transfers are past their acknowledgement deadline and still not acknowledged, over every case of the case
 * list; answered with a {@link Long}.
 */
public record CountOpenOverdueTransfersQuery() {
}
