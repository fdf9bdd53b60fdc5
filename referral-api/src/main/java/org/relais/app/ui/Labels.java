package org.relais.app.ui;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.query.FindPartnersQuery;
import org.relais.core.api.query.FindReferralQuery;
import org.relais.core.api.query.ReferralDetailView;
import org.relais.core.api.query.PartnerView;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What the pages write instead of an id or a code: a partner's name for its id, a person's name and role for a
 * username, the label of any enum of the contract from the message bundles ({@code enum.<Type>.<VALUE>}), in the
 * page's language. The one place that names things, for the templates ({@code @labels}) and the controllers alike.
 */
@Component("labels")
public class Labels {

    private static final String PARTNERS = Labels.class.getName() + ".partners";

    private final QueryGateway queries;
    private final MessageSource messages;

    Labels(QueryGateway queries, MessageSource messages) {
        this.queries = queries;
        this.messages = messages;
    }

    /** The partner's name, or its id when the directory does not know it (a partner is never deleted). */
    public String partner(String partnerId) {
        if (partnerId == null) {
            return "–";
        }
        return partnerNames().getOrDefault(partnerId, partnerId);
    }

    /** The staff or liaison account as a person reads it: the user, then the role, and for a liaison its partner. */
    public String person(String username, String role, String partnerId) {
        if (username == null) {
            return message("person.system");
        }
        String roleLabel = role == null ? null : message("enum.Role." + role);
        if (partnerId != null) {
            return message("person.ofPartner", username, partner(partnerId));
        }
        return roleLabel == null ? username : message("person.withRole", username, roleLabel);
    }

    /** The label of a value of the contract's enums, e.g. {@code IN_PROGRESS} → "En cours". */
    public String of(Enum<?> value) {
        return value == null ? "–" : message("enum." + value.getDeclaringClass().getSimpleName() + "." + value.name());
    }

    /** Several values, labelled and joined in their natural order. */
    public String all(Collection<? extends Enum<?>> values) {
        if (values == null || values.isEmpty()) {
            return message("labels.none");
        }
        return values.stream().sorted().map(this::of).collect(Collectors.joining(", "));
    }

    /**
     * A code that reached the page as text (a report's row or series), labelled as the first of {@code types} whose
     * bundle knows it ({@code enum.<type>.<code>}); the code itself when none does (a hosting service's own name).
     */
    public String code(String code, String... types) {
        if (code == null) {
            return "–";
        }
        Locale locale = LocaleContextHolder.getLocale();
        for (String type : types) {
            String label = messages.getMessage("enum." + type + "." + code, null, null, locale);
            if (label != null) {
                return label;
            }
        }
        return code;
    }

    /** A duration as people say it, e.g. {@code PT4H30M} → "4 h 30 min", {@code P2D} → "2 j" (never its ISO code). */
    public String duration(java.time.Duration duration) {
        if (duration == null) {
            return "–";
        }
        StringBuilder said = new StringBuilder();
        append(said, duration.toDays(), "duration.days");
        append(said, duration.toHoursPart(), "duration.hours");
        append(said, duration.toMinutesPart(), "duration.minutes");
        append(said, duration.toSecondsPart(), "duration.seconds");
        return said.isEmpty() ? message("duration.minutes", 0) : said.toString();
    }

    private void append(StringBuilder said, long amount, String key) {
        if (amount > 0) {
            said.append(said.isEmpty() ? "" : " ").append(message(key, amount));
        }
    }

    /** A public-holiday calendar's name ({@code FR-57} → "France et Moselle (FR-57)"), or "none". */
    public String holidays(String calendar) {
        return message(calendar == null ? "agreementForm.holidays.none" : "agreementForm.holidays." + calendar);
    }

    /** A case's reference (R-2026-000123) for its id, which pages never show. */
    public String reference(String referralId) {
        if (referralId == null) {
            return "–";
        }
        return queries.query(new FindReferralQuery(referralId),
                        ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join()
                .map(ReferralDetailView::reference).orElse("–");
    }

    /**
     * The purpose of a read of personal data: what a person typed stays as typed; the purposes the system itself
     * records (in English, in the stored events) read in the page's language.
     */
    public String purpose(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            return "–";
        }
        for (Map.Entry<String, String> known : SYSTEM_PURPOSES.entrySet()) {
            if (purpose.startsWith(known.getKey())) {
                return message(known.getValue(), purpose.substring(known.getKey().length()).strip());
            }
        }
        return purpose;
    }

    private static final Map<String, String> SYSTEM_PURPOSES = new java.util.LinkedHashMap<>(Map.of(
            "repeat caller of ", "purpose.repeatCaller",
            "history export (", "purpose.historyExport",
            "trusted-flagger notices export", "purpose.flaggerExport",
            "subject access request (GDPR Art. 15)", "purpose.subjectAccess"));

    public String message(String key, Object... arguments) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(key, arguments, key, locale);
    }

    /** The directory once per request: a page names many transfers, and partners are few. */
    @SuppressWarnings("unchecked")
    Map<String, String> partnerNames() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(PARTNERS, RequestAttributes.SCOPE_REQUEST) instanceof Map<?, ?> m) {
            return (Map<String, String>) m;
        }
        Map<String, String> names = new HashMap<>();
        for (PartnerView partner : queries.query(new FindPartnersQuery(),
                ResponseTypes.multipleInstancesOf(PartnerView.class)).join()) {
            names.put(partner.partnerId(), partner.name());
        }
        if (request != null) {
            request.setAttribute(PARTNERS, names, RequestAttributes.SCOPE_REQUEST);
        }
        return names;
    }
}
