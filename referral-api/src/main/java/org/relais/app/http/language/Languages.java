package org.relais.app.http.language;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The language of an answer, French or English. The API and the operations endpoints follow {@code Accept-Language}
 * and speak English when it names neither; the staff pages speak French unless the user picked English
 * ({@code ?lang=en}, remembered in a cookie). Every text of one answer is written in the one language chosen here:
 * problem titles and details, validation messages, labels.
 */
public final class Languages implements LocaleResolver {

    public static final Locale API_DEFAULT = Locale.ENGLISH;
    public static final Locale PAGES_DEFAULT = Locale.FRENCH;
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.FRENCH);

    private final AcceptHeaderLocaleResolver api = new AcceptHeaderLocaleResolver();
    private final CookieLocaleResolver pages = new CookieLocaleResolver("relais-lang");

    public Languages() {
        api.setSupportedLocales(SUPPORTED);
        api.setDefaultLocale(API_DEFAULT);
        pages.setDefaultLocale(PAGES_DEFAULT);
        pages.setCookieMaxAge(Duration.ofDays(365));
        pages.setCookieSameSite("Lax");
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return isPage(request) ? supported(pages.resolveLocale(request), PAGES_DEFAULT) : api.resolveLocale(request);
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        if (isPage(request)) {
            pages.setLocale(request, response, locale);
        }
    }

    /** The pages: the home page, the login form and everything under /ui, also when an error is forwarded there. */
    static boolean isPage(HttpServletRequest request) {
        Object forwarded = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = forwarded instanceof String original ? original : request.getRequestURI();
        String path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
        return path.equals("/") || path.equals("/login") || path.startsWith("/ui/") || path.equals("/ui");
    }

    private static Locale supported(Locale locale, Locale fallback) {
        for (Locale candidate : SUPPORTED) {
            if (candidate.getLanguage().equals(locale.getLanguage())) {
                return candidate;
            }
        }
        return fallback;
    }
}
