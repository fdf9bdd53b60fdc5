package org.relais.app.export;

import java.time.Clock;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.query.FindFlaggerNoticesQuery;
import org.relais.core.api.query.FlaggerNoticeView;
import org.springframework.stereotype.Component;

/** Builds a year's report from the notices read model; the UI and the API share it. */
@Component
public class TrustedFlaggerReports {

    private final QueryGateway queries;
    private final Clock clock;

    TrustedFlaggerReports(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /** The report of {@code year}, or of the current year (UTC) when it is null. */
    public TrustedFlaggerReport of(Integer year) {
        int chosen = year != null ? year : Year.now(clock.withZone(ZoneOffset.UTC)).getValue();
        List<FlaggerNoticeView> sent = queries.query(new FindFlaggerNoticesQuery(
                        TrustedFlaggerReport.startOf(chosen), TrustedFlaggerReport.startOf(chosen + 1)),
                ResponseTypes.multipleInstancesOf(FlaggerNoticeView.class)).join();
        return TrustedFlaggerReport.of(chosen, sent);
    }

    /** The CSV download, for the UI. */
    public String csv(TrustedFlaggerReport report) {
        return report.toCsv();
    }
}
