package org.relais.app.ui;

import jakarta.servlet.http.HttpServletRequest;
import org.relais.app.security.Actor;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's header needs: who is signed in (the menu follows the role) and where the page is. */
@ControllerAdvice(basePackageClasses = UiModel.class)
class UiModel {

    @ModelAttribute("me")
    Actor me() {
        return Actor.current().orElse(null);
    }

    /** No form refused yet: the pages test {@code errors} and read back {@code typed} without a null check. */
    @ModelAttribute(FormErrors.MODEL)
    FormErrors errors() {
        return FormErrors.of("");
    }

    @ModelAttribute("typed")
    java.util.Map<String, Object> typed() {
        return java.util.Map.of();
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
