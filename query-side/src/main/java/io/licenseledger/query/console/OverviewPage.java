package io.licenseledger.query.console;

import io.licenseledger.events.InvalidValueException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Page 1, every project at a glance, sortable and filterable; and the admin's new project. */
@Controller
@Hidden
record OverviewPage(ProjectFigures figures, LedgerApi api, ConsoleActions actions) {

    private static final int PAGE_SIZE = 50;
    private static final int MAX_NAME = 200;
    private static final Map<String, Comparator<ProjectFigures.Row>> SORTS = Map.of(
            "name", Comparator.comparing(row -> row.name().toLowerCase(Locale.ROOT)),
            "status", Comparator.comparing(ProjectFigures.Row::status),
            "seats", Comparator.comparingLong(row -> row.seats().used()),
            "units", Comparator.comparingLong(row -> row.units().used()),
            "expiry", Comparator.comparing(ProjectFigures.Row::daysToExpiry,
                    Comparator.nullsLast(Comparator.naturalOrder())),
            "alerts", Comparator.comparingInt(ProjectFigures.Row::openAlerts));

    @GetMapping("/console")
    String page(@RequestParam(defaultValue = "name") String sort, @RequestParam(defaultValue = "asc") String dir,
                @RequestParam(defaultValue = "") String filter, @RequestParam(defaultValue = "0") int page,
                Model model) {
        rows(sort, dir, filter, page, model);
        return "console/overview";
    }

    @GetMapping("/console/overview/rows")
    String rows(@RequestParam(defaultValue = "name") String sort, @RequestParam(defaultValue = "asc") String dir,
                @RequestParam(defaultValue = "") String filter, @RequestParam(defaultValue = "0") int page,
                Model model) {
        Comparator<ProjectFigures.Row> order = SORTS.get(sort);
        if (order == null || !(dir.equals("asc") || dir.equals("desc")) || page < 0 || filter.length() > 128) {
            throw new InvalidValueException("sort must be one of " + SORTS.keySet().stream().sorted().toList()
                    + ", dir asc or desc, page 0 or more, and the filter at most 128 characters");
        }
        String wanted = filter.strip().toLowerCase(Locale.ROOT);
        Function<ProjectFigures.Row, String> text = row -> (row.name() + " " + row.projectId() + " " + row.status()
                + " " + row.typesText()).toLowerCase(Locale.ROOT);
        List<ProjectFigures.Row> matching = figures.all().stream()
                .filter(row -> wanted.isEmpty() || text.apply(row).contains(wanted))
                .sorted(dir.equals("asc") ? order : order.reversed())
                .toList();
        long from = Math.min((long) page * PAGE_SIZE, matching.size());
        model.addAttribute("rows", matching.subList((int) from, (int) Math.min(from + PAGE_SIZE, matching.size())));
        model.addAttribute("total", matching.size());
        model.addAttribute("sort", sort);
        model.addAttribute("dir", dir);
        model.addAttribute("filter", filter);
        model.addAttribute("page", page);
        model.addAttribute("pages", Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE));
        return "console/overview :: rows";
    }

    /** Creates a project; its license key is shown this once, and kept in this session only, for its copy button. */
    @PostMapping("/console/projects")
    @ResponseBody
    ResponseEntity<Void> create(@RequestParam String name, HttpServletRequest request) {
        String projectName = name == null ? "" : name.strip();
        if (projectName.isEmpty() || projectName.length() > MAX_NAME) {
            throw new InvalidValueException("a project's name is 1 to " + MAX_NAME + " characters");
        }
        return actions.once(request, "create " + projectName, () -> {
            LedgerApi.Answer created = api.command("POST", "/api/v1/projects", Map.of("name", projectName),
                    ConsoleActions.admin(request), request);
            String projectId = created.body().path("projectId").asString();
            LicenseKeys.of(request.getSession()).remember(projectId, created.body().path("licenseKey").asString());
            return "Project " + projectId + " created: copy its license key on its page now, it is shown only in"
                    + " this session";
        });
    }
}
