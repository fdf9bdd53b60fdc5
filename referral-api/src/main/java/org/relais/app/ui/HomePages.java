package org.relais.app.ui;

import org.relais.app.security.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page, and after it each role's starting page. */
@Controller
class HomePages {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping({"/", "/ui", "/ui/"})
    String home() {
        return switch (Actor.required().role()) {
            case COORDINATOR -> "redirect:/ui/dashboard";
            case LIAISON -> "redirect:/ui/inbox";
            case AUDITOR -> "redirect:/ui/cases";
            case ADMIN -> "redirect:/ui/admin/partners";
        };
    }
}
