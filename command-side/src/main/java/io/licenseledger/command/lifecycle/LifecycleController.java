package io.licenseledger.command.lifecycle;

import io.licenseledger.events.AppId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.Identifiers;
import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.service.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Admin control of a project's lifecycle: suspend, reinstate, revoke (L7), unregister devices, app ids (A9). */
@RestController
@Tag(name = "Project lifecycle (admin)")
record LifecycleController(CommandGateway commands, Clock clock) {

    static final int MAX_NOTE = 500;

    record StatusRequest(String note) {
    }

    record StatusResponse(String projectId, String itemId, LicenseStatus status, boolean changed) {
    }

    record AllowedAppsRequest(List<String> allowedAppIds) {
    }

    record AllowedAppsResponse(String projectId, Set<AppId> allowedAppIds) {
    }

    @PostMapping("/api/v1/projects/{projectId}/{action:suspend|reinstate|revoke}")
    @Operation(summary = "Suspend, reinstate or revoke the whole project; a revocation is final")
    StatusResponse changeProject(@PathVariable String projectId, @PathVariable String action,
                                 @RequestBody(required = false) StatusRequest request, HttpServletRequest http) {
        ProjectId project = Identifiers.projectId(projectId);
        LicenseStatus status = statusFor(action);
        boolean changed = send(project, new ChangeProjectStatus(project, status, note(request), clock.instant()), http);
        return new StatusResponse(project.value(), null, status, changed);
    }

    @PostMapping("/api/v1/projects/{projectId}/items/{itemId}/{action:suspend|reinstate|revoke}")
    @Operation(summary = "Suspend, reinstate or revoke one attached item; its quota stops counting while not active")
    StatusResponse changeItem(@PathVariable String projectId, @PathVariable String itemId, @PathVariable String action,
                              @RequestBody(required = false) StatusRequest request, HttpServletRequest http) {
        ProjectId project = Identifiers.projectId(projectId);
        ItemId item = Identifiers.itemId(itemId);
        LicenseStatus status = statusFor(action);
        boolean changed = send(project, new ChangeItemStatus(project, item, status, note(request), clock.instant()),
                http);
        return new StatusResponse(project.value(), item.value(), status, changed);
    }

    @DeleteMapping("/api/v1/projects/{projectId}/devices/{deviceId}")
    @Operation(summary = "Unregister a device by hand; its seat is free at once")
    ResponseEntity<Void> unregister(@PathVariable String projectId, @PathVariable String deviceId,
                                    HttpServletRequest http) {
        ProjectId project = Identifiers.projectId(projectId);
        send(project, new UnregisterDevice(project, Identifiers.deviceId(deviceId), clock.instant()), http);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/v1/projects/{projectId}/allowed-apps")
    @Operation(summary = "Restrict the app ids the project serves; an empty list serves every app")
    AllowedAppsResponse allowedApps(@PathVariable String projectId, @RequestBody AllowedAppsRequest request,
                                    HttpServletRequest http) {
        ProjectId project = Identifiers.projectId(projectId);
        if (request.allowedAppIds() == null) {
            throw new InvalidValueException("allowedAppIds is required (an empty list serves every app)");
        }
        Set<AppId> appIds = new LinkedHashSet<>();
        request.allowedAppIds().forEach(appId -> appIds.add(Identifiers.appId(appId)));
        send(project, new SetAllowedApps(project, appIds), http);
        return new AllowedAppsResponse(project.value(), appIds);
    }

    private <R> R send(ProjectId project, Object command, HttpServletRequest http) {
        try {
            return commands.sendAndWait(command, MetaData.from(RequestContext.metaData(http)));
        } catch (AggregateNotFoundException e) {
            throw new LedgerException(ErrorCode.PROJECT_NOT_FOUND, "no project " + project);
        }
    }

    private static LicenseStatus statusFor(String action) {
        return switch (action.toLowerCase(Locale.ROOT)) {
            case "suspend" -> LicenseStatus.SUSPENDED;
            case "reinstate" -> LicenseStatus.ACTIVE;
            default -> LicenseStatus.REVOKED;
        };
    }

    private static String note(StatusRequest request) {
        String note = request == null || request.note() == null ? "" : request.note().strip();
        if (note.length() > MAX_NOTE) {
            throw new InvalidValueException("note must be at most " + MAX_NOTE + " characters");
        }
        return note;
    }
}
