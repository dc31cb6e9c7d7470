package io.licenseledger.command.authorization;

import io.licenseledger.command.lifecycle.ReleaseSeat;
import io.licenseledger.command.credentials.ProjectCredentials;
import io.licenseledger.events.AppId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.Identifiers;
import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.service.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

/** The SDK's authorization and seat release (SPEC section 5). */
@RestController
@Tag(name = "SDK")
record AuthorizationController(CommandGateway commands, ProjectCredentials credentials, LeaseSigner leases,
                               Clock clock) {

    static final int MAX_DEVICE_NAME = 200;

    record AuthorizeRequest(String licenseKey, String deviceId, String deviceName, String appId) {
    }

    record AuthorizeResponse(String status, String projectId, String deviceId, String licenseType, String leaseToken,
                             Instant leaseExpiresAt, Instant serverTime, boolean overage) {
    }

    record ReleaseRequest(String licenseKey, String deviceId) {
    }

    @PostMapping(path = "/api/v1/authorize", consumes = "application/json")
    @Operation(summary = "May this device run? A grant carries a signed lease for running offline until it expires")
    ResponseEntity<?> authorize(@RequestBody AuthorizeRequest request, HttpServletRequest http) {
        DeviceId deviceId = Identifiers.deviceId(request.deviceId());
        AppId appId = request.appId() == null ? null : Identifiers.appId(request.appId());
        String deviceName = checkedDeviceName(request.deviceName());
        ProjectCredentials.KeyHolder caller = credentials.resolve(request.licenseKey(), http);
        ProjectId projectId = caller.projectId();
        Instant now = clock.instant();
        AuthorizationDecision decision = commands.sendAndWait(
                new AuthorizeDevice(projectId, deviceId, deviceName, appId, now), caller.metaData(http));
        if (decision instanceof AuthorizationDecision.Refused refused) {
            return Problems.response(refused.reason(), refused.detail());
        }
        DeviceAuthorized granted = ((AuthorizationDecision.Granted) decision).authorization();
        return ResponseEntity.ok(new AuthorizeResponse("AUTHORIZED", projectId.value(), deviceId.value(),
                granted.licenseType().name(), leases.sign(granted, now), granted.leaseExpiresAt(), now,
                granted.overage()));
    }

    @PostMapping(path = "/api/v1/release", consumes = "application/json")
    @Operation(summary = "Free the device's concurrent seat at once; a no-op for other license types")
    ResponseEntity<Void> release(@RequestBody ReleaseRequest request, HttpServletRequest http) {
        DeviceId deviceId = Identifiers.deviceId(request.deviceId());
        ProjectCredentials.KeyHolder caller = credentials.resolve(request.licenseKey(), http);
        commands.sendAndWait(new ReleaseSeat(caller.projectId(), deviceId, clock.instant()), caller.metaData(http));
        return ResponseEntity.noContent().build();
    }

    private static String checkedDeviceName(String deviceName) {
        if (deviceName != null && (deviceName.length() > MAX_DEVICE_NAME || deviceName.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidValueException("deviceName must be at most " + MAX_DEVICE_NAME
                    + " printable characters");
        }
        return deviceName;
    }
}
