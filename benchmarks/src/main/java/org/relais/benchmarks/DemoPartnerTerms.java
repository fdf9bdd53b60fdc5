package org.relais.benchmarks;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.relais.core.api.Category;
import org.relais.core.api.partner.OpeningPeriod;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferPurpose;

/**
 * The terms of the demo partners that the application's demo profile seeds (referral-api {@code DemoPartners}),
 * mirrored here because that class is package-private in the application. The generator only addresses transfers a
 * partner's agreement allows: a category it covers, one of its purposes, a subset of its fields.
 */
final class DemoPartnerTerms {

    private static final String PARIS = "Europe/Paris";

    record Terms(String id, PartnerKind kind, String liaison, Set<Category> categories, Set<TransferPurpose> purposes,
                 Set<ShareableField> fields, Duration sla, ServiceHours hours) {
    }

    static final List<Terms> ALL;

    static {
        Set<Category> childAbuse = EnumSet.of(Category.CHILD_PHYSICAL_ABUSE, Category.CHILD_SEXUAL_ABUSE,
                Category.CHILD_PSYCHOLOGICAL_ABUSE, Category.CHILD_NEGLECT);
        Set<Category> online = EnumSet.of(Category.CYBERHARASSMENT, Category.HATE_SPEECH, Category.SEXTORTION,
                Category.NON_CONSENSUAL_IMAGERY, Category.IDENTITY_THEFT);
        Set<Category> police = EnumSet.copyOf(childAbuse);
        police.addAll(online);
        Set<Category> helpline = EnumSet.copyOf(online);
        helpline.add(Category.DISCRIMINATION);
        Set<Category> association = EnumSet.copyOf(childAbuse);
        association.addAll(EnumSet.of(Category.CYBERHARASSMENT, Category.SEXTORTION, Category.NON_CONSENSUAL_IMAGERY));
        ALL = List.of(
                new Terms("demo-police-minors", PartnerKind.POLICE, "police", police,
                        EnumSet.of(TransferPurpose.INVESTIGATION), EnumSet.allOf(ShareableField.class),
                        Duration.ofHours(4), ServiceHours.alwaysOpen(PARIS)),
                new Terms("demo-helpline", PartnerKind.HELPLINE, "helpline", helpline,
                        EnumSet.of(TransferPurpose.CONTENT_REMOVAL, TransferPurpose.PSYCHOLOGICAL_SUPPORT),
                        EnumSet.of(ShareableField.CONTENT_URLS, ShareableField.NARRATIVE, ShareableField.VICTIM_CONTACT),
                        Duration.ofHours(4), days(EnumSet.allOf(DayOfWeek.class), 9, 23)),
                new Terms("demo-child-abuse-association", PartnerKind.CHILD_PROTECTION_ASSOCIATION, "association",
                        association, EnumSet.of(TransferPurpose.PSYCHOLOGICAL_SUPPORT, TransferPurpose.LEGAL_ADVICE,
                        TransferPurpose.CHILD_PROTECTION_ASSESSMENT), EnumSet.allOf(ShareableField.class),
                        Duration.ofDays(1), days(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 9, 18)),
                new Terms("demo-platform", PartnerKind.ONLINE_PLATFORM, "platform", online,
                        EnumSet.of(TransferPurpose.CONTENT_REMOVAL), EnumSet.of(ShareableField.CONTENT_URLS),
                        Duration.ofHours(1), ServiceHours.alwaysOpen(PARIS)));
    }

    private static ServiceHours days(Set<DayOfWeek> days, int from, int to) {
        List<OpeningPeriod> periods = new ArrayList<>();
        for (DayOfWeek day : days) {
            periods.add(new OpeningPeriod(day, LocalTime.of(from, 0), LocalTime.of(to, 0)));
        }
        return new ServiceHours(PARIS, false, periods);
    }

    private DemoPartnerTerms() {
    }
}
