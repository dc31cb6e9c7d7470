package io.licenseledger.query.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What every console page shows of its session (who is signed in, and whether the action buttons are drawn) and how
 * it writes times (UTC, as the API does).
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    /** Times as the pages show them. */
    static final class Times {
        private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(ZoneOffset.UTC);
        private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

        public String at(Instant instant) {
            return instant == null ? "—" : AT.format(instant);
        }

        public String day(Instant instant) {
            return instant == null ? "—" : DAY.format(instant);
        }
    }

    private static final Times TIMES = new Times();

    @ModelAttribute
    void signedIn(HttpServletRequest request, org.springframework.ui.Model model) {
        model.addAttribute("time", TIMES);
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(ConsoleUser.class.getName()) instanceof ConsoleUser user) {
            model.addAttribute("userName", user.name());
            model.addAttribute("userRole", user.role());
            model.addAttribute("admin", user.admin());
        } else {
            model.addAttribute("admin", false);
        }
    }
}
