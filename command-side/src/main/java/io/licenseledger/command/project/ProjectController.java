package io.licenseledger.command.project;

import io.licenseledger.command.CommandSideProperties;
import io.licenseledger.command.credentials.LicenseKeys;
import io.licenseledger.events.AppId;
import io.licenseledger.events.Identifiers;
import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.service.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@RestController
@Tag(name = "Projects (admin)")
record ProjectController(CommandGateway commands, CommandSideProperties properties) {

    record CreateProjectRequest(String name, List<String> allowedAppIds) {
    }

    record ProjectCreatedResponse(String projectId, String name, String licenseKey, Set<AppId> allowedAppIds) {
    }

    @PostMapping("/api/v1/projects")
    @Operation(summary = "Create a project; the answer holds its license key, shown this once (only a hash is kept)")
    ResponseEntity<ProjectCreatedResponse> create(@RequestBody CreateProjectRequest request,
                                                  HttpServletRequest http) {
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new InvalidValueException("name must be 1..200 characters");
        }
        Set<AppId> allowedAppIds = new LinkedHashSet<>();
        for (String appId : request.allowedAppIds() == null ? List.<String>of() : request.allowedAppIds()) {
            allowedAppIds.add(Identifiers.appId(appId));
        }
        ProjectId projectId = new ProjectId("prj_" + UUID.randomUUID().toString().replace("-", ""));
        LicenseKeys.IssuedKey key = LicenseKeys.issue(projectId, properties.publicUrl(), properties.standbyUrl());
        commands.sendAndWait(new CreateProject(projectId, name, key.credentialHash(), allowedAppIds),
                MetaData.from(RequestContext.metaData(http)));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new ProjectCreatedResponse(projectId.value(), name, key.licenseKey(), allowedAppIds));
    }
}
