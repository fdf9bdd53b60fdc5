package org.relais.app.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.Category;
import org.relais.core.api.partner.OpeningPeriod;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferPurpose;

/** The demo partners described in docs/design.md, each with an agreement in force and one liaison. */
final class DemoPartners {

    private static final String PARIS = "Europe/Paris";

    private DemoPartners() {
    }

    record DemoPartner(String id, String name, PartnerKind kind, String liaison, AgreementTerms terms) {
    }

    static List<DemoPartner> all(LocalDate today) {
        LocalDate signed = today.minusDays(30);
        Set<Category> childAbuse = EnumSet.of(Category.CHILD_PHYSICAL_ABUSE, Category.CHILD_SEXUAL_ABUSE,
                Category.CHILD_PSYCHOLOGICAL_ABUSE, Category.CHILD_NEGLECT);
        Set<Category> online = EnumSet.of(Category.CYBERHARASSMENT, Category.HATE_SPEECH, Category.SEXTORTION,
                Category.NON_CONSENSUAL_IMAGERY, Category.IDENTITY_THEFT);
        Set<Category> policeCategories = EnumSet.copyOf(childAbuse);
        policeCategories.addAll(online);
        Set<Category> helplineCategories = EnumSet.copyOf(online);
        helplineCategories.add(Category.DISCRIMINATION);
        Set<Category> associationCategories = EnumSet.copyOf(childAbuse);
        associationCategories.addAll(EnumSet.of(Category.CYBERHARASSMENT, Category.SEXTORTION,
                Category.NON_CONSENSUAL_IMAGERY));
        return List.of(
                new DemoPartner("demo-police-minors", "Brigade de protection des mineurs (démo)", PartnerKind.POLICE,
                        "police", new AgreementTerms(signed, signed, null, policeCategories,
                        EnumSet.of(TransferPurpose.INVESTIGATION), EnumSet.allOf(ShareableField.class),
                        Duration.ofHours(4), ServiceHours.alwaysOpen(PARIS))),
                new DemoPartner("demo-helpline", "Ligne d'écoute, signaleur de confiance (démo)", PartnerKind.HELPLINE,
                        "helpline", new AgreementTerms(signed, signed, null, helplineCategories,
                        EnumSet.of(TransferPurpose.CONTENT_REMOVAL, TransferPurpose.PSYCHOLOGICAL_SUPPORT),
                        EnumSet.of(ShareableField.CONTENT_URLS, ShareableField.NARRATIVE, ShareableField.VICTIM_CONTACT),
                        Duration.ofHours(4), everyDay(LocalTime.of(9, 0), LocalTime.of(23, 0)))),
                new DemoPartner("demo-child-abuse-association", "Association de protection de l'enfance (démo)",
                        PartnerKind.CHILD_PROTECTION_ASSOCIATION, "association", new AgreementTerms(signed, signed,
                        null, associationCategories, EnumSet.of(TransferPurpose.PSYCHOLOGICAL_SUPPORT,
                        TransferPurpose.LEGAL_ADVICE, TransferPurpose.CHILD_PROTECTION_ASSESSMENT),
                        EnumSet.allOf(ShareableField.class), Duration.ofDays(1), weekdays(LocalTime.of(9, 0),
                        LocalTime.of(18, 0)))),
                new DemoPartner("demo-platform", "Plateforme en ligne (démo)", PartnerKind.ONLINE_PLATFORM, "platform",
                        new AgreementTerms(signed, signed, null, online, EnumSet.of(TransferPurpose.CONTENT_REMOVAL),
                                EnumSet.of(ShareableField.CONTENT_URLS), Duration.ofHours(1),
                                ServiceHours.alwaysOpen(PARIS))));
    }

    private static ServiceHours everyDay(LocalTime from, LocalTime to) {
        List<OpeningPeriod> periods = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            periods.add(new OpeningPeriod(day, from, to));
        }
        return new ServiceHours(PARIS, false, periods);
    }

    private static ServiceHours weekdays(LocalTime from, LocalTime to) {
        List<OpeningPeriod> periods = new ArrayList<>();
        for (DayOfWeek day : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
            periods.add(new OpeningPeriod(day, from, to));
        }
        return new ServiceHours(PARIS, false, periods);
    }
}
