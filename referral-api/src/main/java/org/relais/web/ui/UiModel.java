package org.relais.web.ui;

import jakarta.servlet.http.HttpServletRequest;
import org.relais.web.security.Actor;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's header needs: who is signed in (the menu follows the role) and where the page is. */
@ControllerAdvice(basePackageClasses = UiModel.class)
class UiModel {

    @ModelAttribute("me")
    Actor me() {
        return Actor.current().orElse(null);
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
