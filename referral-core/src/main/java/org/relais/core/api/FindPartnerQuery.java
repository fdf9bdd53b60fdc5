package org.relais.core.api;

public record FindPartnerQuery(String partnerId) {
}
