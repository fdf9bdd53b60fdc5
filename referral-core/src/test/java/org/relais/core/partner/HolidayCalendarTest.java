package org.relais.core.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The built-in French calendars, against dates published for several years. */
class HolidayCalendarTest {

    @ParameterizedTest(name = "Easter {0}")
    @CsvSource({"2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2000-04-23", "2038-04-25"})
    void easter_sunday_is_computed_for_any_year(LocalDate easter) {
        assertThat(HolidayCalendar.easterSunday(easter.getYear())).isEqualTo(easter);
    }

    @Test
    void france_has_eleven_public_holidays_in_2026() {
        assertThat(HolidayCalendar.FR.holidays(2026)).containsExactly(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 6), LocalDate.of(2026, 5, 1),
                LocalDate.of(2026, 5, 8), LocalDate.of(2026, 5, 14), LocalDate.of(2026, 5, 25),
                LocalDate.of(2026, 7, 14), LocalDate.of(2026, 8, 15), LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 11, 11), LocalDate.of(2026, 12, 25));
    }

    @ParameterizedTest(name = "{0}: Easter Monday {1}, Ascension {2}, Whit Monday {3}")
    @CsvSource({
            "2024, 2024-04-01, 2024-05-09, 2024-05-20",
            "2025, 2025-04-21, 2025-05-29, 2025-06-09",
            "2026, 2026-04-06, 2026-05-14, 2026-05-25",
            "2027, 2027-03-29, 2027-05-06, 2027-05-17"})
    void the_easter_based_holidays_move_with_easter(int year, LocalDate easterMonday, LocalDate ascension,
                                                    LocalDate whitMonday) {
        assertThat(HolidayCalendar.FR.holidays(year)).contains(easterMonday, ascension, whitMonday)
                .doesNotContain(HolidayCalendar.easterSunday(year).minusDays(2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FR-57", "FR-67", "FR-68"})
    void alsace_moselle_adds_good_friday_and_st_stephens_day(String id) {
        HolidayCalendar calendar = HolidayCalendar.byId(id).orElseThrow();

        assertThat(calendar.holidays(2025)).hasSize(13)
                .contains(LocalDate.of(2025, 4, 18), LocalDate.of(2025, 12, 26))
                .containsAll(HolidayCalendar.FR.holidays(2025));
        assertThat(calendar.isHoliday(LocalDate.of(2027, 3, 26))).isTrue();
        assertThat(HolidayCalendar.FR.isHoliday(LocalDate.of(2027, 3, 26))).isFalse();
    }

    @Test
    void an_unknown_identifier_names_no_calendar() {
        assertThat(HolidayCalendar.byId("DE")).isEmpty();
        assertThat(HolidayCalendar.byId(null)).isEmpty();
        assertThat(HolidayCalendar.byId("FR_57")).isEmpty();
    }
}
