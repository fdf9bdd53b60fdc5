package org.relais.core.api.query;

import java.util.List;

public record ReferralPageView(List<ReferralSummaryView> items, long total, int page, int size) {
}
