package io.licenseledger.query.console;

import io.licenseledger.events.Identifiers;
import io.licenseledger.events.ProjectId;
import io.licenseledger.query.Paging;
import io.licenseledger.query.alerts.FindAlerts;
import io.licenseledger.query.alerts.ProjectAlerts;
import io.licenseledger.query.devices.ActiveDevices;
import io.licenseledger.query.devices.DeviceSort;
import io.licenseledger.query.devices.FindActiveDevices;
import io.licenseledger.query.projects.KnownProjects;
import io.licenseledger.query.projects.ProjectSummary;
import io.licenseledger.query.quota.FindItems;
import io.licenseledger.query.quota.FindQuota;
import io.licenseledger.query.quota.ItemStatus;
import io.licenseledger.query.quota.TypeQuota;
import io.licenseledger.query.usage.FindUsage;
import io.licenseledger.query.usage.Granularity;
import io.licenseledger.query.usage.UsageReport;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Page 2, one project: its standing (quota and remaining per type, items with their terms and actions), its active
 * devices a page at a time, its usage over time, its alerts and their deliveries. Each section is also served alone,
 * for the page to refresh it when the project changes.
 */
@Controller
@Hidden
record ProjectPage(KnownProjects projects, LedgerApi api, Clock clock) {

    static final int DEVICES_PER_PAGE = 25;

    @GetMapping("/console/projects/{projectId}")
    String page(@PathVariable String projectId, HttpServletRequest request, Model model) {
        ProjectId project = Identifiers.projectId(projectId);
        model.addAttribute("project", projects.require(project));
        LicenseKeys.of(request.getSession()).of(project.value()).ifPresent(key -> {
            model.addAttribute("licenseKey", key);
            model.addAttribute("maskedKey", LicenseKeys.masked(key));
        });
        standing(projectId, model);
        devices(projectId, 0, "lastActivityAt,desc", null, model);
        alerts(projectId, request, model);
        return "console/project";
    }

    @GetMapping("/console/projects/{projectId}/standing")
    String standing(@PathVariable String projectId, Model model) {
        ProjectId project = Identifiers.projectId(projectId);
        ProjectSummary summary = projects.require(project);
        model.addAttribute("project", summary);
        model.addAttribute("quota", projects.askForList(new FindQuota(project), TypeQuota.class));
        model.addAttribute("items", projects.askForList(new FindItems(project), ItemStatus.class));
        return "console/project :: standing";
    }

    @GetMapping("/console/projects/{projectId}/devices")
    String devices(@PathVariable String projectId, @RequestParam(defaultValue = "0") int page,
                   @RequestParam(defaultValue = "lastActivityAt,desc") String sort,
                   @RequestParam(required = false) String search, Model model) {
        ProjectId project = Identifiers.projectId(projectId);
        String searched = FindActiveDevices.parseSearch(search);
        ActiveDevices devices = projects.ask(new FindActiveDevices(project, new Paging(page, DEVICES_PER_PAGE),
                DeviceSort.parse(sort), null, searched), ActiveDevices.class);
        model.addAttribute("projectId", project.value());
        model.addAttribute("devices", devices);
        model.addAttribute("sort", sort);
        model.addAttribute("search", searched == null ? "" : searched);
        model.addAttribute("pages", Math.max(1, (devices.total() + DEVICES_PER_PAGE - 1) / DEVICES_PER_PAGE));
        return "console/project :: devices";
    }

    /** The alerts from the read models; their deliveries from the command side, which sends them. */
    @GetMapping("/console/projects/{projectId}/alerts")
    String alerts(@PathVariable String projectId, HttpServletRequest request, Model model) {
        ProjectId project = Identifiers.projectId(projectId);
        model.addAttribute("projectId", project.value());
        model.addAttribute("alerts", projects.ask(new FindAlerts(project, new Paging(0, 50)), ProjectAlerts.class));
        try {
            JsonNode deliveries = api.command("GET", "/api/v1/projects/" + project.value()
                    + "/alert-deliveries?page=0&size=50", null, ConsoleUser.of(request), request).body();
            model.addAttribute("deliveries", deliveries.path("deliveries"));
        } catch (LedgerApiRefusal refusal) {
            model.addAttribute("deliveriesError", refusal.getMessage());
        }
        return "console/project :: alerts";
    }

    /** The chart's figures: the usage read model's report, by day over 30 days or by hour over 2 days. */
    @GetMapping("/console/projects/{projectId}/usage")
    @ResponseBody
    UsageReport usage(@PathVariable String projectId, @RequestParam(defaultValue = "day") String granularity) {
        Granularity width = Granularity.parse(granularity);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate from = width == Granularity.DAY ? today.minusDays(29) : today.minusDays(1);
        return projects.ask(new FindUsage(Identifiers.projectId(projectId), from, today, width), UsageReport.class);
    }
}
