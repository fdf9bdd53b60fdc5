package org.relais.app.ui;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.Category;
import org.relais.core.api.partner.ClosurePeriod;
import org.relais.core.api.partner.OpeningPeriod;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.ShareableField;
import org.relais.core.api.partner.SlaKind;
import org.relais.core.api.TransferPurpose;

/**
 * The agreement form of the partners page, as typed: every value is kept as text so that a refused form comes back
 * exactly as it was sent. {@link #terms} reads it into the terms the API's body gives, or names each field that does
 * not read, with the message to show next to it; it also checks beforehand the partner's rules whose breach belongs
 * to one field (dates in order, the SLA's bounds and kind, closures in order), so the office manager is told where.
 * The partner's own rules decide in the end, as for the API.
 * <p>
 * The SLA is a number of hours or of days; service hours are one line per weekday of ranges such as
 * {@code 09:00-12:00, 14:00-18:00}; closures are one per line, a day ({@code 2026-12-24}) or a range
 * ({@code 2026-12-24/2027-01-01}).
 */
class AgreementForm {

    static final List<String> HOLIDAY_CALENDARS = List.of("FR", "FR-57", "FR-67", "FR-68");
    private static final Duration LONGEST_SLA = Duration.ofDays(30);

    private String signedOn = "";
    private String inForceFrom = "";
    private String inForceUntil = "";
    private Set<Category> categories = EnumSet.noneOf(Category.class);
    private Set<TransferPurpose> purposes = EnumSet.noneOf(TransferPurpose.class);
    private Set<ShareableField> shareableFields = EnumSet.noneOf(ShareableField.class);
    private String slaAmount = "";
    private String slaUnit = "HOURS";
    private SlaKind slaKind = SlaKind.OPEN_HOURS;
    private String holidayCalendar = "";
    private String closures = "";
    private String zoneId = "Europe/Paris";
    private boolean alwaysOpen;
    private Map<DayOfWeek, String> hours = new EnumMap<>(DayOfWeek.class);

    /** The form for a partner's current terms, or an empty one (today's signature) when it has none. */
    static AgreementForm of(AgreementTerms terms, LocalDate today) {
        AgreementForm form = new AgreementForm();
        if (terms == null) {
            form.signedOn = today.toString();
            form.inForceFrom = today.toString();
            return form;
        }
        form.signedOn = terms.signedOn().toString();
        form.inForceFrom = terms.inForceFrom().toString();
        form.inForceUntil = terms.inForceUntil() == null ? "" : terms.inForceUntil().toString();
        form.categories = EnumSet.noneOf(Category.class);
        form.categories.addAll(terms.categories());
        form.purposes = EnumSet.noneOf(TransferPurpose.class);
        form.purposes.addAll(terms.purposes());
        form.shareableFields = EnumSet.noneOf(ShareableField.class);
        form.shareableFields.addAll(terms.shareableFields());
        Duration sla = terms.acknowledgementSla();
        boolean days = sla.equals(Duration.ofDays(sla.toDays())) && sla.toDays() > 0
                && (terms.slaKind() == SlaKind.WORKING_DAYS || sla.toHours() > 48);
        form.slaUnit = days ? "DAYS" : "HOURS";
        form.slaAmount = days ? Long.toString(sla.toDays()) : sla.toMinutes() % 60 == 0
                ? Long.toString(sla.toHours()) : Double.toString(sla.toMinutes() / 60.0);
        form.slaKind = terms.slaKind();
        form.holidayCalendar = terms.holidayCalendar() == null ? "" : terms.holidayCalendar();
        form.closures = terms.closures().stream().map(c -> c.from().equals(c.to()) ? c.from().toString()
                : c.from() + "/" + c.to()).collect(Collectors.joining("\n"));
        ServiceHours serviceHours = terms.serviceHours();
        form.zoneId = serviceHours.zoneId();
        form.alwaysOpen = serviceHours.alwaysOpen();
        for (DayOfWeek day : DayOfWeek.values()) {
            String ranges = serviceHours.periods().stream().filter(p -> p.day() == day)
                    .map(p -> p.from() + "-" + p.to()).collect(Collectors.joining(", "));
            form.hours.put(day, ranges);
        }
        return form;
    }

    /** The terms read from the form, or the fields that do not read with their message keys. */
    record Reading(AgreementTerms terms, Map<String, String> errors) {
    }

    /** The terms as typed, checked against {@code current} (the terms an amendment replaces, null for a signature). */
    Reading terms(Instant now, AgreementTerms current) {
        Map<String, String> errors = new LinkedHashMap<>();
        ZoneId zone = zone(errors);
        LocalDate today = zone == null ? null : LocalDate.ofInstant(now, zone);
        LocalDate signed = date("signedOn", signedOn, true, errors);
        LocalDate from = date("inForceFrom", inForceFrom, true, errors);
        LocalDate until = date("inForceUntil", inForceUntil, false, errors);
        if (signed != null && today != null && signed.isAfter(today)) {
            errors.put("signedOn", "agreementForm.error.signedInFuture");
        }
        if (signed != null && current != null && signed.isBefore(current.signedOn())) {
            errors.put("signedOn", "agreementForm.error.beforeCurrent");
        }
        if (signed != null && from != null && from.isBefore(signed)) {
            errors.put("inForceFrom", "agreementForm.error.beforeSignature");
        }
        if (until != null && from != null && until.isBefore(from)) {
            errors.put("inForceUntil", "agreementForm.error.endsBeforeStart");
        } else if (until != null && today != null && until.isBefore(today)) {
            errors.put("inForceUntil", "agreementForm.error.ended");
        }
        if (categories.isEmpty()) {
            errors.put("categories", "agreementForm.error.categories");
        }
        if (purposes.isEmpty()) {
            errors.put("purposes", "agreementForm.error.purposes");
        }
        Duration sla = sla(errors);
        List<ClosurePeriod> closed = closures(errors);
        List<OpeningPeriod> periods = periods(errors);
        if (!errors.isEmpty()) {
            return new Reading(null, errors);
        }
        return new Reading(new AgreementTerms(signed, from, until, categories, purposes, shareableFields, sla,
                new ServiceHours(zoneId.strip(), alwaysOpen, alwaysOpen ? List.of() : periods), slaKind, closed,
                holidayCalendar.isBlank() ? null : holidayCalendar), errors);
    }

    private ZoneId zone(Map<String, String> errors) {
        try {
            return ZoneId.of(zoneId.strip());
        } catch (DateTimeException e) {
            errors.put("zoneId", "agreementForm.error.zone");
            return null;
        }
    }

    private static LocalDate date(String field, String text, boolean required, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            if (required) {
                errors.put(field, "agreementForm.error.required");
            }
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "agreementForm.error.date");
            return null;
        }
    }

    /** Hours may have a decimal part (1.5 = 1 h 30); days are whole, and working days always are. */
    private Duration sla(Map<String, String> errors) {
        Duration sla;
        try {
            double amount = Double.parseDouble(slaAmount.strip().replace(',', '.'));
            sla = "DAYS".equals(slaUnit) ? (amount == Math.rint(amount) ? Duration.ofDays((long) amount) : null)
                    : Duration.ofSeconds(Math.round(amount * 3600));
        } catch (NumberFormatException e) {
            sla = null;
        }
        if (sla == null || sla.isNegative() || sla.isZero()) {
            errors.put("sla", "agreementForm.error.sla");
            return null;
        }
        if (sla.compareTo(LONGEST_SLA) > 0) {
            errors.put("sla", "agreementForm.error.slaTooLong");
            return null;
        }
        if (slaKind == SlaKind.WORKING_DAYS && !"DAYS".equals(slaUnit)) {
            errors.put("sla", "agreementForm.error.workingDays");
            return null;
        }
        return sla;
    }

    private List<ClosurePeriod> closures(Map<String, String> errors) {
        List<ClosurePeriod> read = new ArrayList<>();
        for (String line : closures.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] days = line.strip().split("\\s*/\\s*");
            try {
                LocalDate first = LocalDate.parse(days[0]);
                LocalDate last = days.length > 1 ? LocalDate.parse(days[1]) : first;
                if (days.length > 2 || last.isBefore(first) || last.isAfter(first.plusYears(1))) {
                    errors.put("closures", "agreementForm.error.closureRange");
                    return List.of();
                }
                read.add(new ClosurePeriod(first, last));
            } catch (DateTimeParseException e) {
                errors.put("closures", "agreementForm.error.closure");
                return List.of();
            }
        }
        if (read.size() > 100) {
            errors.put("closures", "agreementForm.error.closureCount");
        }
        return read;
    }

    private List<OpeningPeriod> periods(Map<String, String> errors) {
        List<OpeningPeriod> periods = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String text = hours.getOrDefault(day, "");
            if (text == null || text.isBlank()) {
                continue;
            }
            for (String range : text.split("[,;]")) {
                String[] times = range.strip().split("\\s*-\\s*");
                try {
                    LocalTime open = LocalTime.parse(times[0]);
                    LocalTime close = LocalTime.parse(times[1]);
                    if (times.length != 2 || open.equals(close)) {
                        throw new DateTimeException("not a range");
                    }
                    periods.add(new OpeningPeriod(day, open, close));
                } catch (DateTimeException | ArrayIndexOutOfBoundsException e) {
                    errors.put("hours." + day, "agreementForm.error.hours");
                    break;
                }
            }
        }
        if (!alwaysOpen && periods.isEmpty() && errors.keySet().stream().noneMatch(k -> k.startsWith("hours."))) {
            errors.put("hours", "agreementForm.error.noHours");
        }
        return periods;
    }

    public String getSignedOn() {
        return signedOn;
    }

    public void setSignedOn(String signedOn) {
        this.signedOn = signedOn == null ? "" : signedOn;
    }

    public String getInForceFrom() {
        return inForceFrom;
    }

    public void setInForceFrom(String inForceFrom) {
        this.inForceFrom = inForceFrom == null ? "" : inForceFrom;
    }

    public String getInForceUntil() {
        return inForceUntil;
    }

    public void setInForceUntil(String inForceUntil) {
        this.inForceUntil = inForceUntil == null ? "" : inForceUntil;
    }

    public Set<Category> getCategories() {
        return categories;
    }

    public void setCategories(Set<Category> categories) {
        this.categories = categories == null ? EnumSet.noneOf(Category.class) : categories;
    }

    public Set<TransferPurpose> getPurposes() {
        return purposes;
    }

    public void setPurposes(Set<TransferPurpose> purposes) {
        this.purposes = purposes == null ? EnumSet.noneOf(TransferPurpose.class) : purposes;
    }

    public Set<ShareableField> getShareableFields() {
        return shareableFields;
    }

    public void setShareableFields(Set<ShareableField> shareableFields) {
        this.shareableFields = shareableFields == null ? EnumSet.noneOf(ShareableField.class) : shareableFields;
    }

    public String getSlaAmount() {
        return slaAmount;
    }

    public void setSlaAmount(String slaAmount) {
        this.slaAmount = slaAmount == null ? "" : slaAmount;
    }

    public String getSlaUnit() {
        return slaUnit;
    }

    public void setSlaUnit(String slaUnit) {
        this.slaUnit = "DAYS".equals(slaUnit) ? "DAYS" : "HOURS";
    }

    public SlaKind getSlaKind() {
        return slaKind;
    }

    public void setSlaKind(SlaKind slaKind) {
        this.slaKind = slaKind == null ? SlaKind.OPEN_HOURS : slaKind;
    }

    public String getHolidayCalendar() {
        return holidayCalendar;
    }

    /** One of the built-in calendars or none: anything else is read as none rather than stored. */
    public void setHolidayCalendar(String holidayCalendar) {
        this.holidayCalendar = HOLIDAY_CALENDARS.contains(holidayCalendar) ? holidayCalendar : "";
    }

    public String getClosures() {
        return closures;
    }

    public void setClosures(String closures) {
        this.closures = closures == null ? "" : closures;
    }

    public String getZoneId() {
        return zoneId;
    }

    public void setZoneId(String zoneId) {
        this.zoneId = zoneId == null ? "" : zoneId;
    }

    public boolean isAlwaysOpen() {
        return alwaysOpen;
    }

    public void setAlwaysOpen(boolean alwaysOpen) {
        this.alwaysOpen = alwaysOpen;
    }

    public Map<DayOfWeek, String> getHours() {
        return hours;
    }

    public void setHours(Map<DayOfWeek, String> hours) {
        this.hours = hours == null ? new EnumMap<>(DayOfWeek.class) : hours;
    }
}
