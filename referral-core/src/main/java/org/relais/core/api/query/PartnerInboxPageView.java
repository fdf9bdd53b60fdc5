package org.relais.core.api.query;

import java.util.List;

public record PartnerInboxPageView(List<PartnerInboxItemView> items, long total, int page, int size) {
}
