package io.licenseledger.query.console;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.Identifiers;
import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.LedgerException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The admin actions of the project page, each forwarded to the command side's admin API with the signed-in admin's
 * token. An auditor is refused here as well as by the console's security. The same action of one session is sent
 * once at a time: a second click while the first is on its way is refused, not sent.
 */
@RestController
@Hidden
class ConsoleActions {

    private static final Set<String> ITEM_ACTIONS = Set.of("suspend", "reinstate", "revoke");

    private final LedgerApi api;
    private final JsonMapper json;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    ConsoleActions(LedgerApi api, JsonMapper json) {
        this.api = api;
        this.json = json;
    }

    @PostMapping("/console/projects/{projectId}/add-quota")
    ResponseEntity<Void> addQuota(@PathVariable String projectId, @RequestParam String itemId,
                                  HttpServletRequest request) {
        return attach(projectId, itemId, "items", request, answer -> answer.body().path("attached").asBoolean()
                ? "Item " + itemId + " added to the project's quota"
                : "Item " + itemId + " was already on this project: nothing changed");
    }

    @PostMapping("/console/projects/{projectId}/renew")
    ResponseEntity<Void> renew(@PathVariable String projectId, @RequestParam String itemId,
                               HttpServletRequest request) {
        return attach(projectId, itemId, "renewals", request, answer -> "Item " + itemId + " attached as a renewal");
    }

    /** AddQuota ({@code items}) or RenewLicense ({@code renewals}) of one item. */
    private ResponseEntity<Void> attach(String projectId, String itemId, String command, HttpServletRequest request,
                                        Function<LedgerApi.Answer, String> message) {
        String project = Identifiers.projectId(projectId).value();
        String item = Identifiers.itemId(itemId).value();
        return once(request, command + " " + project + " " + item, () -> message.apply(api.command("POST",
                "/api/v1/projects/" + project + "/" + command, Map.of("itemId", item), admin(request), request)));
    }

    @PostMapping("/console/projects/{projectId}/item-status")
    ResponseEntity<Void> changeItemStatus(@PathVariable String projectId, @RequestParam String itemId,
                                          @RequestParam String action,
                                          @RequestParam(required = false) String note, HttpServletRequest request) {
        String project = Identifiers.projectId(projectId).value();
        String item = Identifiers.itemId(itemId).value();
        if (!ITEM_ACTIONS.contains(action)) {
            throw new InvalidValueException("action must be suspend, reinstate or revoke");
        }
        return once(request, action + " " + project + " " + item, () -> {
            LedgerApi.Answer answer = api.command("POST", "/api/v1/projects/" + project + "/items/" + item + "/"
                    + action, note == null || note.isBlank() ? Map.of() : Map.of("note", note.strip()),
                    admin(request), request);
            return answer.body().path("changed").asBoolean(true)
                    ? "Item " + item + " is now " + answer.body().path("status").asString(action).toLowerCase()
                    : "Item " + item + " already was " + answer.body().path("status").asString("").toLowerCase();
        });
    }

    @PostMapping("/console/projects/{projectId}/unregister")
    ResponseEntity<Void> unregister(@PathVariable String projectId, @RequestParam String deviceId,
                                    HttpServletRequest request) {
        String project = Identifiers.projectId(projectId).value();
        String device = Identifiers.deviceId(deviceId).value();
        return once(request, "unregister " + project + " " + device, () -> {
            api.command("DELETE", "/api/v1/projects/" + project + "/devices/" + device, null, admin(request),
                    request);
            return "Device " + device + " unregistered: its seat is free";
        });
    }

    @PostMapping("/console/rebuild")
    ResponseEntity<Void> rebuild(HttpServletRequest request) {
        return once(request, "rebuild", () -> {
            api.self("POST", "/api/v1/admin/replay", admin(request), request);
            return "Rebuild of the read models started";
        });
    }

    /** Runs an action unless the same one of this session is still running; answers its message for the page. */
    ResponseEntity<Void> once(HttpServletRequest request, String action, Supplier<String> send) {
        String key = request.getSession().getId() + " " + action;
        if (!inFlight.add(key)) {
            throw new LedgerException(ErrorCode.INVALID_TRANSITION,
                    "this action is already on its way; wait for its answer");
        }
        try {
            return done(send.get());
        } finally {
            inFlight.remove(key);
        }
    }

    /** An answer the page shows as a message (htmx's {@code HX-Trigger} event {@code console-done}). */
    ResponseEntity<Void> done(String message) {
        return ResponseEntity.noContent()
                .header("HX-Trigger", json.writeValueAsString(Map.of("console-done", message)))
                .build();
    }

    static ConsoleUser admin(HttpServletRequest request) {
        ConsoleUser user = ConsoleUser.of(request);
        if (!user.admin()) {
            throw new LedgerException(ErrorCode.FORBIDDEN, "an auditor may look but not change anything");
        }
        return user;
    }
}
