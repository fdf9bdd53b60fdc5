package org.relais.core.api.query;

import java.util.List;

public record AccessLogPageView(List<AccessRecordView> items, long total, int page, int size) {
}
