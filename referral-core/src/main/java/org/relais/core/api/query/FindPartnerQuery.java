package org.relais.core.api.query;

public record FindPartnerQuery(String partnerId) {
}
