package io.licenseledger.query.console;

import io.licenseledger.events.Identifiers;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Page 4, import: a license file dropped on the page is checked by the command side without recording anything
 * ({@code POST /api/v1/licenses/preview}) and shown; then imported, and the chosen items attached to a project.
 */
@Controller
@Hidden
record ImportPage(LedgerApi api, ConsoleActions actions, ProjectFigures figures) {

    @GetMapping("/console/import")
    String page(Model model) {
        return "console/import";
    }

    @PostMapping("/console/import/preview")
    String preview(@RequestParam(required = false) String licenseFile, HttpServletRequest request, Model model) {
        String file = required(licenseFile);
        model.addAttribute("preview", api.commandWithText("/api/v1/licenses/preview", file,
                ConsoleActions.admin(request), request).body());
        model.addAttribute("licenseFile", file);
        model.addAttribute("projects", figures.all());
        return "console/import :: preview";
    }

    @PostMapping("/console/import")
    @ResponseBody
    ResponseEntity<Void> importAndAttach(@RequestParam(required = false) String licenseFile,
                                         @RequestParam(required = false) String projectId,
                                         @RequestParam(name = "itemId", required = false) List<String> itemIds,
                                         HttpServletRequest request) {
        String file = required(licenseFile);
        List<String> items = itemIds == null ? List.of()
                : itemIds.stream().map(item -> Identifiers.itemId(item).value()).distinct().toList();
        String project = projectId == null || projectId.isBlank() ? null : Identifiers.projectId(projectId).value();
        if (!items.isEmpty() && project == null) {
            throw new InvalidValueException("choose the project to attach the items to");
        }
        return actions.once(request, "import " + Integer.toHexString(file.hashCode()), () -> {
            ConsoleUser admin = ConsoleActions.admin(request);
            LedgerApi.Answer imported = api.commandWithText("/api/v1/licenses", file, admin, request);
            List<String> attached = new ArrayList<>();
            for (String item : items) {
                api.command("POST", "/api/v1/projects/" + project + "/items", Map.of("itemId", item), admin, request);
                attached.add(item);
            }
            String license = imported.body().path("licenseId").asString();
            String what = imported.body().path("alreadyImported").asBoolean() ? "License " + license
                    + " was imported already" : "License " + license + " imported";
            return attached.isEmpty() ? what : what + "; attached to " + project + ": " + String.join(", ", attached);
        });
    }

    private static String required(String licenseFile) {
        if (licenseFile == null || licenseFile.isBlank()) {
            throw new InvalidValueException("drop a license file on the page, or paste its text, first");
        }
        return licenseFile.strip();
    }
}
