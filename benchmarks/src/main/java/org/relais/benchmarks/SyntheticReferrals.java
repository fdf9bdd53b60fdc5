package org.relais.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.ConsentGivenEvent;
import org.relais.core.api.referral.CoordinatorAssignedEvent;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.NoticeOutcome;
import org.relais.core.api.referral.NoticeOutcomeRecordedEvent;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.referral.SealedTextFields;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.partner.DeadlineCalendar;
import org.relais.core.privacy.PersonalDataProtector;

/**
 * Realistic referral histories, deterministic from a seed: referral {@code i} always gets the same id, data and events
 * (its own random stream, so any referral can be regenerated alone). Intakes are spread evenly over the two years
 * before {@code end} minus 30 days, and every follow-up happens within 25 days, so no event lies in the future and no
 * deadline is left open in the past (a transfer acknowledged late gets its overdue flag first, as the poller would).
 *
 * <p>Proportions: about 15 % minors; ten channels including the three accessible ones; risk levels; 88 % consent;
 * 2–6 transfers per referral across the demo partners (fewer when the agreements allow fewer), only to partners
 * whose agreement covers one of the referral's categories and the purpose, sharing only fields it allows; about 8 %
 * declined unacknowledged, 7 % acknowledged late, 20 % of the acknowledged declined, 70 % of the accepted completed;
 * 65 % of the referrals closed. Names are made of invented syllables: no real person's data.
 *
 * <p>A content removal names its hosting service (the demo platform itself, or for the helpline relaying one of
 * three services that are not partners) and sends one notice per content URL (one when the case has none); once the
 * removal is accepted, about 85 % of its notices get an answer within five days (60 % removed, 15 % restricted,
 * 15 % refused, 10 % no action), 80 % of those calling for one with a statement-of-reasons reference. These draws
 * come from a stream of their own per transfer, so the other draws of a referral are the same with or without them.
 */
final class SyntheticReferrals {

    static final String AGGREGATE_TYPE = "Referral";
    /** The demo platform's name, as the demo profile registers it: a removal it receives is addressed to it. */
    static final String DEMO_PLATFORM_NAME = "Plateforme en ligne (démo)";
    static final List<String> OTHER_HOSTING_SERVICES = List.of("Social Example", "Video Example", "Forum Example");
    private static final Duration SPAN = Duration.ofDays(730);

    private final long seed;
    private final int count;
    private final Instant first;

    SyntheticReferrals(long seed, int count, Instant end) {
        this.seed = seed;
        this.count = count;
        this.first = end.minus(Duration.ofDays(30)).minus(SPAN);
    }

    String referralId(int i) {
        return UUID.nameUUIDFromBytes(("relais-benchmark/" + seed + "/" + i).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    boolean isMinor(int i) {
        return draw(i).minor;
    }

    /** The events of referral {@code i}, personal data sealed with the real protector (which stores the key). */
    List<DomainEventMessage<?>> referral(int i, PersonalDataProtector protector) {
        Draw d = draw(i);
        Random rnd = d.rnd;
        String id = referralId(i);
        List<DomainEventMessage<?>> events = new ArrayList<>();
        Instant t = d.receivedAt;
        String coordinator = "coordinator" + (rnd.nextInt(12) == 0 ? "" : "-" + (1 + rnd.nextInt(12)));
        Map<String, String> byCoordinator = actor(coordinator, "COORDINATOR", null, rnd);

        PersonalDetails details = personalDetails(d, rnd);
        events.add(event(id, events.size(), new ReferralReceivedEvent(id,
                String.format("R-%d-%06d", t.atZone(ZoneOffset.UTC).getYear(), i + 1), d.channel, d.role, d.ageBand,
                d.categories, protector.seal(id, details)), byCoordinator, t, rnd));
        t = t.plus(minutes(rnd, 5, 240));
        events.add(event(id, events.size(), new ReferralTriagedEvent(id, d.risk, d.categories, d.ageBand),
                byCoordinator, t, rnd));
        if (rnd.nextInt(100) < 50) {
            t = t.plus(minutes(rnd, 1, 60));
            events.add(event(id, events.size(), new CoordinatorAssignedEvent(id, coordinator), byCoordinator, t, rnd));
        }
        boolean consent = rnd.nextInt(100) < 88;
        if (consent) {
            t = t.plus(minutes(rnd, 1, 120));
            events.add(event(id, events.size(), new ConsentGivenEvent(id, protector.sealText(id,
                    SealedTextFields.CONSENT_GIVEN_BY, d.minor ? "Parent " + name(rnd) : name(rnd))),
                    byCoordinator, t, rnd));
        }
        List<Route> routes = routes(d, consent);
        int wanted = transfers(rnd);
        java.util.Collections.shuffle(routes, rnd);
        for (int n = 0; n < Math.min(wanted, routes.size()); n++) {
            Route route = routes.get(n);
            DemoPartnerTerms.Terms partner = route.partner;
            t = t.plus(minutes(rnd, 10, 600));
            String transferId = "t" + (n + 1);
            Set<ShareableField> shared = sharedFields(partner, route.purpose, rnd);
            Instant deadline = DeadlineCalendar.deadline(partner.hours(), t, partner.sla());
            boolean removal = route.purpose == TransferPurpose.CONTENT_REMOVAL;
            Random notices = new Random((seed * 1_000_003L + i) * 31 + n);
            HostingService hostingService = !removal ? null : partner.kind() == PartnerKind.ONLINE_PLATFORM
                    ? new HostingService(DEMO_PLATFORM_NAME, partner.id())
                    : new HostingService(OTHER_HOSTING_SERVICES.get(notices.nextInt(OTHER_HOSTING_SERVICES.size())),
                    null);
            int noticeCount = Math.max(1, details.contentUrls().size());
            events.add(event(id, events.size(), new TransferRequestedEvent(id, transferId, partner.id(),
                    partner.kind(), route.purpose, route.basis, shared,
                    rnd.nextInt(100) < 60 ? protector.sealTransferText(id, transferId,
                            SealedTextFields.TRANSFER_MESSAGE,
                            "Please see the case summary; the family expects a call.") : null,
                    deadline, partner.sla(), hostingService, removal ? noticeCount : null), byCoordinator, t, rnd));
            Instant sentAt = t;
            Map<String, String> byLiaison = actor(partner.liaison(), "LIAISON", partner.id(), rnd);
            Instant r = t;
            if (rnd.nextInt(100) < 8) {
                r = r.plus(minutes(rnd, 5, 120));
                events.add(event(id, events.size(), new TransferDeclinedEvent(id, transferId, partner.id(),
                        protector.sealTransferText(id, transferId, SealedTextFields.DECLINE_REASON,
                                "Outside our area of competence.")),
                        byLiaison, r, rnd));
                continue;
            }
            boolean late = rnd.nextInt(100) < 7;
            if (late) {
                events.add(event(id, events.size(), new TransferAcknowledgementOverdueEvent(id, transferId,
                        partner.id(), deadline), actor("system:deadlines", "SYSTEM", null, rnd),
                        deadline.plusSeconds(1 + rnd.nextInt(20)), rnd));
                r = deadline.plus(minutes(rnd, 5, 600));
            } else {
                long window = Math.max(60, Duration.between(t, deadline).toSeconds());
                r = t.plusSeconds(30 + (long) (rnd.nextDouble() * (window - 30)));
            }
            events.add(event(id, events.size(), new TransferAcknowledgedEvent(id, transferId, partner.id(), late),
                    byLiaison, r, rnd));
            r = r.plus(minutes(rnd, 10, 1440));
            if (rnd.nextInt(100) < 20) {
                events.add(event(id, events.size(), new TransferDeclinedEvent(id, transferId, partner.id(),
                        protector.sealTransferText(id, transferId, SealedTextFields.DECLINE_REASON,
                                "No capacity this month.")),
                        byLiaison, r, rnd));
                continue;
            }
            events.add(event(id, events.size(), new TransferAcceptedEvent(id, transferId, partner.id()), byLiaison,
                    r, rnd));
            if (rnd.nextInt(100) < 70) {
                r = r.plus(minutes(rnd, 60, 10 * 1440));
                TransferOutcome outcome = outcome(route.purpose, rnd);
                events.add(event(id, events.size(), new TransferCompletedEvent(id, transferId, partner.id(), outcome,
                        outcome == TransferOutcome.REFUSED ? protector.sealTransferText(id, transferId,
                                SealedTextFields.STATEMENT_OF_REASONS, "The content does not breach our terms.") : null,
                        rnd.nextInt(100) < 30 ? protector.sealTransferText(id, transferId,
                                SealedTextFields.COMPLETION_NOTE, "Follow-up done with the victim.") : null),
                        byLiaison, r, rnd));
            }
            if (removal) {
                answers(id, transferId, partner.id(), noticeCount, sentAt, r, notices, byLiaison, events);
            }
            if (r.isAfter(t)) {
                t = r.isAfter(t.plus(Duration.ofDays(3))) ? t.plus(Duration.ofDays(1)) : r;
            }
        }
        if (rnd.nextInt(100) < 65) {
            Instant last = events.stream().map(DomainEventMessage::getTimestamp).max(Instant::compareTo).orElseThrow();
            ClosureOutcome outcome = pick(rnd, ClosureOutcome.values(), 50, 25, 15, 7, 3);
            events.add(event(id, events.size(), new ReferralClosedEvent(id, outcome, rnd.nextInt(100) < 40
                    ? protector.sealText(id, SealedTextFields.CLOSURE_NOTE, "Closed after the partners reported.")
                    : null), byCoordinator, last.plus(minutes(rnd, 60, 3 * 1440)), rnd));
        }
        return events;
    }

    private record Route(DemoPartnerTerms.Terms partner, TransferPurpose purpose, LegalBasis basis) {
    }

    /**
     * The hosting service's answers to an accepted removal's notices, each recorded by the liaison a little after the
     * service acted (at least an hour after the notice was sent, within five days), all drawn from {@code notices}.
     */
    private static void answers(String id, String transferId, String partnerId, int noticeCount, Instant sentAt,
                                Instant acceptedAt, Random notices, Map<String, String> byLiaison,
                                List<DomainEventMessage<?>> events) {
        Instant last = acceptedAt;
        for (int index = 0; index < noticeCount; index++) {
            if (notices.nextInt(100) >= 85) {
                continue;
            }
            NoticeOutcome outcome = pick(notices, NoticeOutcome.values(), 60, 15, 15, 10);
            Instant actedAt = sentAt.plus(minutes(notices, 60, 5 * 1440));
            String reasons = outcome.callsForStatementOfReasons() && notices.nextInt(100) < 80
                    ? "SoR-" + Long.toString(notices.nextLong() & 0xffffffffL, 36) : null;
            Instant recorded = (actedAt.isAfter(last) ? actedAt : last).plus(minutes(notices, 1, 120));
            events.add(event(id, events.size(), new NoticeOutcomeRecordedEvent(id, transferId, partnerId, index, outcome,
                    actedAt, reasons), byLiaison, recorded, notices));
            last = recorded;
        }
    }

    private static List<Route> routes(Draw d, boolean consent) {
        List<Route> routes = new ArrayList<>();
        for (DemoPartnerTerms.Terms partner : DemoPartnerTerms.ALL) {
            if (partner.categories().stream().noneMatch(d.categories::contains)) {
                continue;
            }
            for (TransferPurpose purpose : partner.purposes()) {
                if (consent) {
                    routes.add(new Route(partner, purpose, LegalBasis.CONSENT));
                } else if (partner.kind() == PartnerKind.POLICE && (d.minor || d.risk == RiskLevel.IMMEDIATE_DANGER)) {
                    routes.add(new Route(partner, purpose, LegalBasis.MANDATORY_REPORT));
                }
            }
        }
        return routes;
    }

    private static int transfers(Random rnd) {
        int p = rnd.nextInt(100);
        return p < 55 ? 2 : p < 80 ? 3 : p < 90 ? 4 : p < 96 ? 5 : 6;
    }

    private static Set<ShareableField> sharedFields(DemoPartnerTerms.Terms partner, TransferPurpose purpose,
                                                    Random rnd) {
        if (purpose == TransferPurpose.CONTENT_REMOVAL) {
            return EnumSet.of(ShareableField.CONTENT_URLS);
        }
        Set<ShareableField> shared = EnumSet.noneOf(ShareableField.class);
        for (ShareableField field : partner.fields()) {
            if (rnd.nextInt(100) < 70) {
                shared.add(field);
            }
        }
        if (shared.isEmpty()) {
            shared.add(partner.fields().iterator().next());
        }
        return shared;
    }

    private static TransferOutcome outcome(TransferPurpose purpose, Random rnd) {
        if (purpose == TransferPurpose.CONTENT_REMOVAL) {
            int p = rnd.nextInt(100);
            return p < 70 ? TransferOutcome.CONTENT_REMOVED : p < 85 ? TransferOutcome.CONTENT_RESTRICTED
                    : TransferOutcome.REFUSED;
        }
        if (purpose == TransferPurpose.INVESTIGATION) {
            return rnd.nextInt(100) < 60 ? TransferOutcome.INVESTIGATION_OPENED : TransferOutcome.NO_FURTHER_ACTION;
        }
        int p = rnd.nextInt(100);
        return p < 75 ? TransferOutcome.SUPPORT_PROVIDED : p < 90 ? TransferOutcome.REFERRED_ONWARD
                : TransferOutcome.NO_FURTHER_ACTION;
    }

    /** The intake facts of one referral, drawn first from its own stream. */
    private static final class Draw {
        Random rnd;
        Instant receivedAt;
        Channel channel;
        ReporterRole role;
        AgeBand ageBand;
        boolean minor;
        Set<Category> categories;
        RiskLevel risk;
    }

    private Draw draw(int i) {
        Draw d = new Draw();
        d.rnd = new Random(seed * 1_000_003L + i);
        Random rnd = d.rnd;
        long spanSeconds = SPAN.toSeconds();
        long at = (long) ((i + rnd.nextDouble()) * spanSeconds / Math.max(1, count));
        d.receivedAt = first.plusSeconds(Math.min(spanSeconds, at));
        int age = rnd.nextInt(1000);
        d.ageBand = age < 30 ? AgeBand.UNDER_11 : age < 90 ? AgeBand.AGE_11_14 : age < 150 ? AgeBand.AGE_15_17
                : age < 930 ? AgeBand.ADULT : AgeBand.UNKNOWN;
        d.minor = age < 150;
        d.channel = pick(rnd, Channel.values(), 25, 20, 10, 15, 10, 3, 2, 1, 8, 6);
        d.role = d.minor ? pick(rnd, ReporterRole.values(), 30, 10, 40, 15, 5)
                : pick(rnd, ReporterRole.values(), 60, 10, 3, 15, 12);
        Set<Category> categories = EnumSet.noneOf(Category.class);
        if (d.minor && rnd.nextInt(100) < 50) {
            categories.add(pick(rnd, new Category[] {Category.CHILD_PHYSICAL_ABUSE, Category.CHILD_SEXUAL_ABUSE,
                    Category.CHILD_PSYCHOLOGICAL_ABUSE, Category.CHILD_NEGLECT}, 30, 25, 30, 15));
        } else {
            categories.add(pick(rnd, new Category[] {Category.CYBERHARASSMENT, Category.HATE_SPEECH,
                    Category.SEXTORTION, Category.NON_CONSENSUAL_IMAGERY, Category.IDENTITY_THEFT,
                    Category.DISCRIMINATION}, 40, 10, 12, 12, 10, 16));
        }
        if (rnd.nextInt(100) < 30) {
            categories.add(pick(rnd, new Category[] {Category.CYBERHARASSMENT, Category.HATE_SPEECH,
                    Category.DISCRIMINATION, Category.OTHER}, 40, 25, 20, 15));
        }
        d.categories = categories;
        d.risk = pick(rnd, RiskLevel.values(), d.minor ? 8 : 3, 20, 45, d.minor ? 27 : 32);
        return d;
    }

    private static PersonalDetails personalDetails(Draw d, Random rnd) {
        boolean online = d.categories.stream().anyMatch(c -> c != Category.DISCRIMINATION && !c.name().startsWith(
                "CHILD_") && c != Category.OTHER);
        List<String> urls = new ArrayList<>();
        if (online) {
            int n = 1 + rnd.nextInt(3);
            for (int k = 0; k < n; k++) {
                urls.add("https://social.example/" + (rnd.nextBoolean() ? "p/" : "u/") + Long.toString(
                        rnd.nextLong() & 0xffffffffffL, 36));
            }
        }
        boolean reporter = d.role != ReporterRole.VICTIM && d.role != ReporterRole.ANONYMOUS;
        return new PersonalDetails(name(rnd), contact(rnd), reporter ? name(rnd) : null,
                reporter ? contact(rnd) : null, narrative(d, rnd), urls);
    }

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "ta", "vo", "sel", "dur", "na", "pe", "qui",
            "ro", "sa", "tev", "ul", "za", "bri", "mo", "lan", "fe"};

    static String name(Random rnd) {
        return capitalised(word(rnd, 2)) + " " + capitalised(word(rnd, 3));
    }

    private static String word(Random rnd, int syllables) {
        StringBuilder word = new StringBuilder();
        for (int s = 0; s < syllables; s++) {
            word.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
        }
        return word.toString();
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String contact(Random rnd) {
        return rnd.nextBoolean() ? String.format("06 %02d %02d %02d %02d", rnd.nextInt(100), rnd.nextInt(100),
                rnd.nextInt(100), rnd.nextInt(100)) : word(rnd, 3) + "@mail.example";
    }

    private static final String[] PHRASES = {"Messages have been sent every evening for three weeks.",
            "The person says the account was created to imitate them.",
            "Images were shared in a group without consent.",
            "The school has been informed but nothing changed.",
            "Threats were made to publish private pictures unless money is paid.",
            "Comments target the person's origin and religion.",
            "A relative is worried about what happens at home.",
            "The caller used the accessible line and asked to be called back by video."};

    private static String narrative(Draw d, Random rnd) {
        StringBuilder text = new StringBuilder();
        int n = 2 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            text.append(PHRASES[rnd.nextInt(PHRASES.length)]).append(' ');
        }
        return text.toString().strip();
    }

    @SafeVarargs
    private static <T> T pick(Random rnd, T[] values, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int p = rnd.nextInt(total);
        for (int k = 0; k < weights.length; k++) {
            p -= weights[k];
            if (p < 0) {
                return values[k];
            }
        }
        return values[values.length - 1];
    }

    private static Duration minutes(Random rnd, int from, int to) {
        return Duration.ofSeconds(60L * from + (long) (rnd.nextDouble() * 60L * (to - from)));
    }

    private static Map<String, String> actor(String user, String role, String partner, Random rnd) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put(ActorMetadata.USER, user);
        metadata.put(ActorMetadata.ROLE, role);
        if (partner != null) {
            metadata.put(ActorMetadata.PARTNER, partner);
        }
        return metadata;
    }

    private static DomainEventMessage<?> event(String id, long sequence, Object payload, Map<String, String> actor,
                                               Instant at, Random rnd) {
        Map<String, String> metadata = new HashMap<>(actor);
        metadata.put(ActorMetadata.CORRELATION_ID, new UUID(rnd.nextLong(), rnd.nextLong()).toString());
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, id, sequence, payload, metadata,
                new UUID(rnd.nextLong(), rnd.nextLong()).toString(), at);
    }
}
