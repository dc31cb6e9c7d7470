package io.licenseledger.query.devices;

import io.licenseledger.events.Identifiers;
import io.licenseledger.query.Paging;
import io.licenseledger.query.projects.KnownProjects;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Devices", description = "A project's devices that hold a live registration, and those that lost it")
record DeviceResource(KnownProjects projects) {

    @GetMapping("/api/v1/projects/{projectId}/devices")
    @Operation(summary = "A project's active devices, a page at a time (size 1..500)")
    ActiveDevices activeDevices(
            @PathVariable String projectId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            @Parameter(description = "deviceId, firstSeenAt, lastActivityAt or registeredUntil, then ,asc or ,desc")
            @RequestParam(defaultValue = "lastActivityAt,desc") String sort,
            @Parameter(description = "only devices of this license type: PER_DEVICE, CONCURRENT_DEVICE or PER_USAGE")
            @RequestParam(required = false) String type,
            @Parameter(description = "only devices whose id or name contains this text, ignoring case")
            @RequestParam(required = false) String search) {
        return projects.ask(new FindActiveDevices(Identifiers.projectId(projectId), new Paging(page, size),
                DeviceSort.parse(sort), FindActiveDevices.parseType(type), FindActiveDevices.parseSearch(search)),
                ActiveDevices.class);
    }

    @GetMapping("/api/v1/projects/{projectId}/devices/unregistered")
    @Operation(summary = "Why devices lost their seats or registrations, most recent first (size 1..500)")
    UnregisteredDevices unregisteredDevices(
            @PathVariable String projectId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return projects.ask(new FindUnregisteredDevices(Identifiers.projectId(projectId), new Paging(page, size)),
                UnregisteredDevices.class);
    }
}
