package io.licenseledger.query.console;

import io.licenseledger.events.Identifiers;
import io.licenseledger.events.InvalidValueException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * Page 3, the ledger: its latest events, how far behind the read models are, and the progress of a rebuild (the
 * replay API's status, asked with the session's token).
 */
@Controller
@Hidden
record LedgerPage(LatestEvents events, LedgerApi api) {

    @GetMapping("/console/ledger")
    String page(@RequestParam(required = false) String project, @RequestParam(required = false) String type,
                HttpServletRequest request, Model model) {
        model.addAttribute("types", LatestEvents.TYPES.keySet());
        events(project, type, model);
        status(request, model);
        return "console/ledger";
    }

    @GetMapping("/console/ledger/events")
    String events(@RequestParam(required = false) String project, @RequestParam(required = false) String type,
                  Model model) {
        String projectId = project == null || project.isBlank() ? null
                : Identifiers.projectId(project.strip()).value();
        String eventType = type == null || type.isBlank() ? null : type.strip();
        if (eventType != null && !LatestEvents.TYPES.containsKey(eventType)) {
            throw new InvalidValueException("type must be one of " + LatestEvents.TYPES.keySet());
        }
        model.addAttribute("project", projectId == null ? "" : projectId);
        model.addAttribute("type", eventType == null ? "" : eventType);
        try {
            model.addAttribute("events", events.latest(projectId, eventType));
        } catch (DataAccessException unavailable) {
            model.addAttribute("events", List.of());
            model.addAttribute("eventsError", "the ledger's event table cannot be read from this query side"
                    + " (with Axon Server the events are there, not in a table)");
        }
        return "console/ledger :: events";
    }

    @GetMapping("/console/ledger/status")
    String status(HttpServletRequest request, Model model) {
        JsonNode status = api.self("GET", "/api/v1/admin/replay", ConsoleUser.of(request), request).body();
        model.addAttribute("replay", status);
        JsonNode processor = status.path("processors").path(0);
        model.addAttribute("lag", Math.max(0, processor.path("head").asLong() - processor.path("position").asLong()));
        return "console/ledger :: status";
    }
}
