package org.relais.core.api.query;

import java.util.List;

public record AuditTrailPageView(List<AuditEntryView> items, long total, int page, int size) {
}
