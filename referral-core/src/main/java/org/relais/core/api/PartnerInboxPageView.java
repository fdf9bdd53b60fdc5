package org.relais.core.api;

import java.util.List;

public record PartnerInboxPageView(List<PartnerInboxItemView> items, long total, int page, int size) {
}
