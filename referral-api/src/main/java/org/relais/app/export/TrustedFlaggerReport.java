package org.relais.app.export;

import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.relais.core.api.Category;
import org.relais.core.api.query.FlaggerNoticeView;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.query.NoticeAnswerView;
import org.relais.core.api.referral.NoticeOutcome;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.referral.TransferState;

/**
 * The yearly report of a trusted flagger (DSA Art. 22): the notices sent in the year (UTC), one per content URL of
 * each content removal, by hosting service, by type of alleged illegal content and by outcome, the time from notice
 * to action, the refused notices with their statement-of-reasons references, and what is still unanswered. It holds
 * no personal data: a notice is named by its case, transfer and index, never by its URL.
 *
 * <p>Rules a reader of the figures needs: a notice of a case with several categories counts once in each of them (so
 * the categories add up to more than the total); percentiles are nearest-rank (the median of an even count is the
 * lower middle); a content removal stored before hosting services were named counts as one notice to
 * {@value #UNKNOWN_HOSTING_SERVICE}, answered by its completion's outcome if it was completed as removed, restricted
 * or refused (its statement of reasons, a sealed text then, is not a reference: "not provided").
 */
public record TrustedFlaggerReport(int year,
                                   Instant from,
                                   Instant to,
                                   int notices,
                                   int answered,
                                   List<Breakdown> byHostingService,
                                   List<Breakdown> byCategory,
                                   Map<String, Integer> byOutcome,
                                   TimeToAction timeToAction,
                                   List<RefusedNotice> refused,
                                   Map<TransferState, Integer> unansweredByTransferState) {

    public static final String UNKNOWN_HOSTING_SERVICE = "unknown (named before hosting services were recorded)";
    public static final String NOT_PROVIDED = "not provided";
    public static final String NO_ANSWER = "NO_ANSWER";

    /** The notices of one hosting service or category, by outcome ({@link #NO_ANSWER} for those not answered). */
    public record Breakdown(String name, String partnerId, int notices, Map<String, Integer> byOutcome) {
    }

    /** Nearest-rank median and 90th percentile of the answered notices' time from notice to action. */
    public record TimeToAction(int answered, Duration median, Duration p90) {
    }

    public record RefusedNotice(String referralId, String transferId, int noticeIndex, String hostingService,
                                Instant actedAt, String statementOfReasons) {
    }

    /** One notice with its answer, if any. */
    private record Notice(FlaggerNoticeView transfer, int index, NoticeAnswerView answer) {

        String hostingServiceName() {
            HostingService service = transfer.hostingService();
            return service == null ? UNKNOWN_HOSTING_SERVICE : service.name();
        }

        String outcome() {
            return answer == null ? NO_ANSWER : answer.outcome().name();
        }
    }

    static Instant startOf(int year) {
        return Year.of(year).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The report over the content removals sent in {@code year}, as {@code transfers} (all sent in it) stand. */
    public static TrustedFlaggerReport of(int year, List<FlaggerNoticeView> transfers) {
        List<Notice> notices = new ArrayList<>();
        for (FlaggerNoticeView transfer : transfers) {
            for (int index = 0; index < transfer.noticeCount(); index++) {
                notices.add(new Notice(transfer, index, answerOf(transfer, index).orElse(null)));
            }
        }
        Map<String, Breakdown> byService = new LinkedHashMap<>();
        Map<String, Breakdown> byCategory = new LinkedHashMap<>();
        Map<String, Integer> byOutcome = outcomes();
        Map<TransferState, Integer> unanswered = new EnumMap<>(TransferState.class);
        List<Duration> times = new ArrayList<>();
        List<RefusedNotice> refused = new ArrayList<>();
        for (Notice notice : notices) {
            HostingService service = notice.transfer().hostingService();
            String serviceKey = notice.hostingServiceName() + "\u0000" + (service == null ? "" : service.partnerId());
            count(byService, serviceKey, notice.hostingServiceName(), service == null ? null : service.partnerId(),
                    notice.outcome());
            Set<Category> categories = notice.transfer().categories();
            if (categories.isEmpty()) {
                count(byCategory, "UNKNOWN", "UNKNOWN", null, notice.outcome());
            }
            categories.forEach(c -> count(byCategory, c.name(), c.name(), null, notice.outcome()));
            byOutcome.merge(notice.outcome(), 1, Integer::sum);
            if (notice.answer() == null) {
                unanswered.merge(notice.transfer().state(), 1, Integer::sum);
                continue;
            }
            times.add(Duration.between(notice.transfer().sentAt(), notice.answer().actedAt()));
            if (notice.answer().outcome() == NoticeOutcome.REFUSED) {
                refused.add(new RefusedNotice(notice.transfer().referralId(), notice.transfer().transferId(),
                        notice.index(), notice.hostingServiceName(), notice.answer().actedAt(),
                        notice.answer().statementOfReasons() == null ? NOT_PROVIDED
                                : notice.answer().statementOfReasons()));
            }
        }
        times.sort(Comparator.naturalOrder());
        refused.sort(Comparator.comparing(RefusedNotice::actedAt).thenComparing(RefusedNotice::referralId)
                .thenComparing(RefusedNotice::transferId).thenComparingInt(RefusedNotice::noticeIndex));
        return new TrustedFlaggerReport(year, startOf(year), startOf(year + 1), notices.size(), times.size(),
                sorted(byService), sorted(byCategory), byOutcome,
                new TimeToAction(times.size(), nearestRank(times, 50), nearestRank(times, 90)), refused, unanswered);
    }

    /**
     * The notice's own answer; for a removal stored before notices were answered one by one, its completion's
     * outcome when it says what was done with the content.
     */
    private static Optional<NoticeAnswerView> answerOf(FlaggerNoticeView transfer, int index) {
        Optional<NoticeAnswerView> own = transfer.answers().stream().filter(a -> a.noticeIndex() == index).findFirst();
        if (own.isPresent() || transfer.hostingService() != null || transfer.decision() == null
                || !transfer.decision().isContentRemovalOutcome()) {
            return own;
        }
        NoticeOutcome outcome = transfer.decision() == TransferOutcome.CONTENT_REMOVED ? NoticeOutcome.REMOVED
                : transfer.decision() == TransferOutcome.CONTENT_RESTRICTED ? NoticeOutcome.RESTRICTED
                : NoticeOutcome.REFUSED;
        return Optional.of(new NoticeAnswerView(index, outcome, transfer.decidedAt(), null));
    }

    static Duration nearestRank(List<Duration> sorted, int percent) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static Map<String, Integer> outcomes() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (NoticeOutcome outcome : NoticeOutcome.values()) {
            counts.put(outcome.name(), 0);
        }
        counts.put(NO_ANSWER, 0);
        return counts;
    }

    private static void count(Map<String, Breakdown> breakdowns, String key, String name, String partnerId,
                              String outcome) {
        Breakdown current = breakdowns.computeIfAbsent(key, k -> new Breakdown(name, partnerId, 0, outcomes()));
        Map<String, Integer> byOutcome = new LinkedHashMap<>(current.byOutcome());
        byOutcome.merge(outcome, 1, Integer::sum);
        breakdowns.put(key, new Breakdown(name, partnerId, current.notices() + 1, byOutcome));
    }

    /** Most notices first, then by name, so that the report reads the same at every run. */
    private static List<Breakdown> sorted(Map<String, Breakdown> breakdowns) {
        return breakdowns.values().stream().sorted(Comparator.comparingInt(Breakdown::notices).reversed()
                .thenComparing(Breakdown::name)).toList();
    }

    /** The report as one long CSV table: section, item, measure, value. */
    String toCsv() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("total", "all", "notices", notices));
        rows.add(List.of("total", "all", "answered", answered));
        byHostingService.forEach(b -> b.byOutcome().forEach((outcome, n) -> rows.add(List.of("hostingService",
                b.partnerId() == null ? b.name() : b.name() + " (" + b.partnerId() + ")", outcome, n))));
        byCategory.forEach(b -> b.byOutcome().forEach((outcome, n) -> rows.add(List.of("category", b.name(), outcome,
                n))));
        byOutcome.forEach((outcome, n) -> rows.add(List.of("outcome", outcome, "notices", n)));
        rows.add(List.of("timeToAction", "answered", "notices", timeToAction.answered()));
        rows.add(java.util.Arrays.asList("timeToAction", "median", "seconds", seconds(timeToAction.median())));
        rows.add(java.util.Arrays.asList("timeToAction", "p90", "seconds", seconds(timeToAction.p90())));
        refused.forEach(r -> rows.add(List.of("refused", r.referralId() + "/" + r.transferId() + "#" + r.noticeIndex(),
                "statementOfReasons", r.statementOfReasons())));
        unansweredByTransferState.forEach((state, n) -> rows.add(List.of("unanswered", state.name(), "notices", n)));
        return Csv.of(List.of("section", "item", "measure", "value"), rows);
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }
}
