package org.relais.projections.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.query.DailyIntakeView;
import org.relais.core.api.query.DashboardView;
import org.relais.core.api.query.DurationStatsView;
import org.relais.core.api.query.MonthlyCountView;
import org.relais.core.api.query.OpenCasesView;
import org.relais.core.api.query.PartnerKpiView;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The dashboard's figures over one period, from the case documents each of its indexed instants finds in the period:
 * a case is read once per kind of figure and counted once in it (its intake, its last closure in the period), a
 * transfer once per measure (its acknowledgement, its breach, its content removal). Days and months are those of
 * the service's time zone; the period's last day is included.
 */
final class PeriodFigures {

    static final int DEFAULT_DAYS = 30;
    static final String RECEIVED_AT = "receivedAt";
    static final String CLOSED_AT = "closures.at";
    static final String ACKNOWLEDGED_AT = "transfers.acknowledgedAt";
    static final String BREACHED_AT = "transfers.breachedAt";
    static final String CONTENT_REMOVED_AT = "transfers.contentRemovedAt";
    static final List<String> PERIOD_FIELDS = List.of(RECEIVED_AT, CLOSED_AT, ACKNOWLEDGED_AT, BREACHED_AT,
            CONTENT_REMOVED_AT);

    private final MongoTemplate mongo;
    private final String collection;
    private final ZoneId zone;
    private final LocalDate from;
    private final LocalDate to;
    private final Instant start;
    private final Instant end;

    PeriodFigures(MongoTemplate mongo, String collection, ZoneId zone, LocalDate from, LocalDate to) {
        this.mongo = mongo;
        this.collection = collection;
        this.zone = zone;
        this.from = from;
        this.to = to;
        this.start = from.atStartOfDay(zone).toInstant();
        this.end = to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    DashboardView view(List<OpenCasesView> openCases, long revision) {
        List<DashboardCaseDocument> received = casesWith(RECEIVED_AT);
        long minors = received.stream().filter(theCase -> theCase.minor).count();
        Map<String, Partner> partners = new TreeMap<>();
        List<Long> removals = new ArrayList<>();
        for (DashboardCaseDocument theCase : casesWith(ACKNOWLEDGED_AT)) {
            for (DashboardCaseDocument.Transfer transfer : theCase.transfers) {
                if (in(transfer.acknowledgedAt)) {
                    Partner partner = partners.computeIfAbsent(transfer.partnerId, id -> new Partner());
                    partner.wallClock.add(transfer.acknowledgementMillis);
                    if (transfer.acknowledgementOpenMillis != null) {
                        partner.openTime.add(transfer.acknowledgementOpenMillis);
                    }
                }
            }
        }
        for (DashboardCaseDocument theCase : casesWith(BREACHED_AT)) {
            for (DashboardCaseDocument.Transfer transfer : theCase.transfers) {
                if (in(transfer.breachedAt)) {
                    partners.computeIfAbsent(transfer.partnerId, id -> new Partner()).breachesPerMonth
                            .merge(YearMonth.from(transfer.breachedAt.atZone(zone)).toString(), 1L, Long::sum);
                }
            }
        }
        for (DashboardCaseDocument theCase : casesWith(CONTENT_REMOVED_AT)) {
            for (DashboardCaseDocument.Transfer transfer : theCase.transfers) {
                if (in(transfer.contentRemovedAt)) {
                    removals.add(transfer.contentRemovalMillis);
                }
            }
        }
        return new DashboardView(openCases, intakePerDay(received), received.size(), minors,
                received.isEmpty() ? 0 : (double) minors / received.size(),
                partners.entrySet().stream().map(entry -> entry.getValue().view(entry.getKey())).toList(),
                stats(removals), closuresByOutcome(), revision, from, to);
    }

    private List<DashboardCaseDocument> casesWith(String field) {
        return mongo.find(Query.query(Criteria.where(field).gte(start).lt(end)), DashboardCaseDocument.class,
                collection);
    }

    private boolean in(Instant instant) {
        return instant != null && !instant.isBefore(start) && instant.isBefore(end);
    }

    private List<DailyIntakeView> intakePerDay(List<DashboardCaseDocument> received) {
        Map<LocalDate, List<DashboardCaseDocument>> byDay = new TreeMap<>();
        received.forEach(theCase -> byDay.computeIfAbsent(LocalDate.ofInstant(theCase.receivedAt, zone),
                day -> new ArrayList<>()).add(theCase));
        return byDay.entrySet().stream().map(day -> {
            Map<Channel, Long> channels = new EnumMap<>(Channel.class);
            Map<Category, Long> categories = new EnumMap<>(Category.class);
            long minors = 0;
            for (DashboardCaseDocument theCase : day.getValue()) {
                channels.merge(Channel.valueOf(theCase.channel), 1L, Long::sum);
                theCase.categories.forEach(category -> categories.merge(Category.valueOf(category), 1L, Long::sum));
                minors += theCase.minor ? 1 : 0;
            }
            return new DailyIntakeView(day.getKey(), day.getValue().size(), channels, categories, minors);
        }).toList();
    }

    /** Each case closed in the period once, by the outcome of its last closure in the period. */
    private Map<ClosureOutcome, Long> closuresByOutcome() {
        Map<ClosureOutcome, Long> closures = new EnumMap<>(ClosureOutcome.class);
        for (DashboardCaseDocument theCase : casesWith(CLOSED_AT)) {
            theCase.closures.stream().filter(closure -> in(closure.at))
                    .max(Comparator.comparing((DashboardCaseDocument.Closure closure) -> closure.at))
                    .ifPresent(last -> closures.merge(ClosureOutcome.valueOf(last.outcome), 1L, Long::sum));
        }
        return closures;
    }

    /** Nearest rank: the p-th percentile of n durations is the ⌈p·n⌉-th smallest. */
    static DurationStatsView stats(List<Long> millis) {
        if (millis.isEmpty()) {
            return new DurationStatsView(0, null, null);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        // ⌈p·n⌉ in integers: no rounding of 0.9·n can move a rank.
        Function<Integer, Double> rank = percent -> sorted.get(Math.max(0, (percent * sorted.size() + 99) / 100 - 1))
                / 1000.0;
        return new DurationStatsView(sorted.size(), rank.apply(50), rank.apply(90));
    }

    private static final class Partner {
        final List<Long> wallClock = new ArrayList<>();
        final List<Long> openTime = new ArrayList<>();
        final Map<String, Long> breachesPerMonth = new TreeMap<>();

        PartnerKpiView view(String partnerId) {
            return new PartnerKpiView(partnerId, stats(wallClock),
                    breachesPerMonth.values().stream().mapToLong(Long::longValue).sum(), stats(openTime),
                    breachesPerMonth.entrySet().stream()
                            .map(month -> new MonthlyCountView(month.getKey(), month.getValue())).toList());
        }
    }
}
