package org.relais.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.Category;
import org.relais.core.api.referral.DeadlineRescheduleReason;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.ShareableField;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The one place that names things, read from the pages' own bundles, in French unless the page is in English. */
class LabelsTest {

    private final Labels labels = new Labels(null, bundles());

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void codes_read_as_labels_in_the_pages_language() {
        LocaleContextHolder.setLocale(Locale.FRENCH);
        assertThat(labels.of(ReferralStatus.IN_PROGRESS)).isEqualTo("En cours");
        assertThat(labels.of(DeadlineRescheduleReason.SUSPENDED)).isEqualTo("convention suspendue");
        assertThat(labels.all(EnumSet.of(Category.CYBERHARASSMENT))).isEqualTo("Cyberharcèlement");
        assertThat(labels.all(EnumSet.noneOf(ShareableField.class))).isEqualTo("aucune");
        assertThat(labels.code("REMOVED", "Category", "NoticeOutcome")).isEqualTo("Retiré");
        assertThat(labels.code("Social Example", "Category", "NoticeOutcome")).isEqualTo("Social Example");

        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(labels.of(ReferralStatus.IN_PROGRESS)).isEqualTo("In progress");
    }

    @Test
    void an_agreements_terms_read_as_people_say_them_never_as_iso_codes() {
        LocaleContextHolder.setLocale(Locale.FRENCH);
        assertThat(labels.duration(Duration.parse("PT4H30M"))).isEqualTo("4 h 30 min");
        assertThat(labels.duration(Duration.parse("P2D"))).isEqualTo("2 j");
        assertThat(labels.duration(Duration.parse("PT24H"))).isEqualTo("1 j");
        assertThat(labels.holidays("FR-57")).isEqualTo("France et Moselle (FR-57)");
        assertThat(labels.holidays(null)).isEqualTo("Aucun");

        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(labels.duration(Duration.parse("PT90M"))).isEqualTo("1 h 30 min");
    }

    @Test
    void a_person_is_named_with_their_role_or_their_partner_and_an_automatic_step_as_relais() {
        LocaleContextHolder.setLocale(Locale.FRENCH);
        assertThat(labels.person("coordinator", "COORDINATOR", null)).isEqualTo("coordinator (coordination)");
        assertThat(labels.person(null, null, null)).isEqualTo("Relais (automatiquement)");
    }

    @Test
    void the_purposes_the_system_records_read_in_the_pages_language_and_typed_ones_as_typed() {
        LocaleContextHolder.setLocale(Locale.FRENCH);
        assertThat(labels.purpose("repeat caller of R-2026-000123"))
                .isEqualTo("Appelant déjà connu : dossier R-2026-000123");
        assertThat(labels.purpose("history export (csv)")).isEqualTo("Export de l’historique (csv)");
        assertThat(labels.purpose("subject access request (GDPR Art. 15): courrier du 3 mars"))
                .isEqualTo("Demande d’accès de la personne concernée (RGPD, art. 15): courrier du 3 mars");
        assertThat(labels.purpose("vérification d’un doublon")).isEqualTo("vérification d’un doublon");
        assertThat(labels.purpose(null)).isEqualTo("–");
    }
}
