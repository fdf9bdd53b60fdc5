package org.relais.core.partner;

import java.time.LocalDate;
import java.time.Month;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The public holidays a partner's office closes on, computed for any year rather than listed, so that an agreement
 * signed today still counts its deadlines right in ten years. {@code FR}: the eleven French public holidays, Easter
 * Monday, Ascension and Whit Monday derived from Easter Sunday. {@code FR-57}, {@code FR-67}, {@code FR-68}
 * (Moselle, Bas-Rhin, Haut-Rhin, under the local law of Alsace-Moselle) add Good Friday and St Stephen's Day.
 * Whit Monday is counted as a holiday: most offices close on it even though it is a "day of solidarity" for some
 * employers, and an office that opens writes nothing more than its service hours would say anyway.
 */
enum HolidayCalendar {
    FR("FR", false),
    FR_57("FR-57", true),
    FR_67("FR-67", true),
    FR_68("FR-68", true);

    private final String id;
    private final boolean alsaceMoselle;

    HolidayCalendar(String id, boolean alsaceMoselle) {
        this.id = id;
        this.alsaceMoselle = alsaceMoselle;
    }

    /** The identifier agreements store, such as {@code FR-57}. */
    public String id() {
        return id;
    }

    /** The calendar of this identifier; empty for null or an identifier that is not built in. */
    public static Optional<HolidayCalendar> byId(String id) {
        return Arrays.stream(values()).filter(calendar -> calendar.id.equals(id)).findFirst();
    }

    public boolean isHoliday(LocalDate day) {
        return holidays(day.getYear()).contains(day);
    }

    /** The holidays of {@code year}, in date order. */
    public Set<LocalDate> holidays(int year) {
        Set<LocalDate> days = new TreeSet<>();
        days.add(LocalDate.of(year, Month.JANUARY, 1));
        days.add(LocalDate.of(year, Month.MAY, 1));
        days.add(LocalDate.of(year, Month.MAY, 8));
        days.add(LocalDate.of(year, Month.JULY, 14));
        days.add(LocalDate.of(year, Month.AUGUST, 15));
        days.add(LocalDate.of(year, Month.NOVEMBER, 1));
        days.add(LocalDate.of(year, Month.NOVEMBER, 11));
        days.add(LocalDate.of(year, Month.DECEMBER, 25));
        LocalDate easter = easterSunday(year);
        days.add(easter.plusDays(1));
        days.add(easter.plusDays(39));
        days.add(easter.plusDays(50));
        if (alsaceMoselle) {
            days.add(easter.minusDays(2));
            days.add(LocalDate.of(year, Month.DECEMBER, 26));
        }
        return days;
    }

    /** Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
