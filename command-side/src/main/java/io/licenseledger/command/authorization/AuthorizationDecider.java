package io.licenseledger.command.authorization;

import io.licenseledger.command.state.Changes;
import io.licenseledger.command.state.Decision;
import io.licenseledger.command.state.ProjectState;
import io.licenseledger.command.state.Registration;
import io.licenseledger.command.state.UsageStanding;
import io.licenseledger.events.Counts;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.AuthorizationRefused;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.LicenseStatus;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * May a device run (rules A2-A9)? Registered devices are re-authorized on their item; a new device takes a seat on a
 * per-device item, then a concurrent one, each soonest-ending first, then runs on the usage items. Every decision,
 * granted or refused, is recorded (A8).
 */
public final class AuthorizationDecider {

    private static final List<LicenseType> SEAT_TYPES = List.of(LicenseType.PER_DEVICE, LicenseType.CONCURRENT_DEVICE);

    private final Changes changes;
    private final AuthorizeDevice command;

    private AuthorizationDecider(ProjectState state, AuthorizeDevice command) {
        this.changes = new Changes(state);
        this.command = command;
    }

    public static Decision<AuthorizationDecision> decide(ProjectState state, AuthorizeDevice command) {
        AuthorizationDecider decider = new AuthorizationDecider(state, command);
        return decider.changes.answer(decider.decide());
    }

    private ProjectState state() {
        return changes.state();
    }

    private AuthorizationDecision decide() {
        Instant at = command.at();
        LicenseStatus status = state().status();
        if (status != LicenseStatus.ACTIVE) {
            return refuse(codeFor(status), "this project is " + status.name().toLowerCase());
        }
        if (!state().isAppAllowed(command.appId())) {
            return refuse(ErrorCode.APP_NOT_ALLOWED, "app " + command.appId() + " is not allowed to use this project");
        }
        Registration current = state().registration(command.deviceId());
        if (current != null) {
            LicenseItem item = state().item(current.itemId());
            if (item.isValidAt(at) && (!current.holdsSeat() || current.isLiveAt(at))) {
                // Only a registration still in force binds the device to its item's status: a lapsed one is free.
                LicenseStatus lifecycle = state().itemStatus().get(current.itemId());
                if (lifecycle == LicenseStatus.ACTIVE) {
                    return reauthorize(current, item);
                }
                if (current.holdsSeat()) {
                    return refuse(codeFor(lifecycle), "the item this device is registered on is "
                            + lifecycle.name().toLowerCase());
                }
            }
            if (current.holdsSeat()) {
                unregister(command.deviceId(), current, item);
            }
        }
        List<LicenseItem> serving = state().servingItemsAt(at);
        if (serving.isEmpty()) {
            return refuseForTerm();
        }
        return registerNewDevice(serving);
    }

    private AuthorizationDecision reauthorize(Registration current, LicenseItem item) {
        if (item.type() == LicenseType.PER_USAGE) {
            UsageStanding standing = state().usageStandingAt(command.at());
            if (standing.isExhausted()) {
                return refuse(ErrorCode.QUOTA_EXCEEDED, "the project's usage quota and overage are used up");
            }
            return grant(item, false, standing.isInOverage());
        }
        return grant(item, false, current.overage());
    }

    /** Seat types first (per-device, then concurrent), each soonest-ending first; then usage items (A2, A4, A5). */
    private AuthorizationDecision registerNewDevice(List<LicenseItem> serving) {
        for (LicenseType type : SEAT_TYPES) {
            List<LicenseItem> seatItems = serving.stream().filter(item -> item.type() == type).toList();
            Optional<LicenseItem> freeSeat = firstWithRoom(seatItems, LicenseItem::quantity);
            if (freeSeat.isPresent()) {
                return grant(freeSeat.get(), true, false);
            }
            Optional<LicenseItem> overageSeat = firstWithRoom(seatItems, LicenseItem::hardLimit);
            if (overageSeat.isPresent()) {
                return grant(overageSeat.get(), true, true);
            }
        }
        List<LicenseItem> usageItems = serving.stream().filter(item -> item.type() == LicenseType.PER_USAGE).toList();
        if (!usageItems.isEmpty()) {
            UsageStanding standing = UsageStanding.of(usageItems, state().unitsPerItem());
            if (!standing.isExhausted()) {
                return grant(usageItems.get(0), true, standing.isInOverage());
            }
            return refuse(ErrorCode.QUOTA_EXCEEDED, "the project's usage quota and overage are used up");
        }
        long seats = serving.stream().mapToLong(LicenseItem::quantity).reduce(0, Counts::add);
        return refuse(ErrorCode.QUOTA_EXCEEDED, "all " + seats + " seats and the overage allowance are taken");
    }

    /** The first item with a seat under {@code limit}, freeing seats whose registration ran out before counting. */
    private Optional<LicenseItem> firstWithRoom(List<LicenseItem> seatItems, ToLongFunction<LicenseItem> limit) {
        for (LicenseItem item : seatItems) {
            if (state().seatsTakenOn(item) >= limit.applyAsLong(item)) {
                freeLapsedSeats(item);
            }
            if (state().seatsTakenOn(item) < limit.applyAsLong(item)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    /** Registrations past their end free their seat at once, even before the sweeper records it (A3, A4). */
    private void freeLapsedSeats(LicenseItem item) {
        List<DeviceId> lapsed = state().devicesOn(item.itemId()).stream()
                .filter(deviceId -> !state().registration(deviceId).isLiveAt(command.at()))
                .sorted(Comparator.comparing(DeviceId::value))
                .toList();
        for (DeviceId deviceId : lapsed) {
            unregister(deviceId, state().registration(deviceId), item);
        }
    }

    private void unregister(DeviceId deviceId, Registration registration, LicenseItem item) {
        changes.record(state().unregistration(deviceId, registration.lapseReason(item), command.at()));
    }

    private AuthorizationDecision grant(LicenseItem item, boolean newRegistration, boolean overage) {
        Instant at = command.at();
        Instant leaseExpiresAt = item.cappedAtEnd(at.plus(item.offlineWindow()));
        Instant registeredUntil = switch (item.type()) {
            case PER_DEVICE -> item.cappedAtEnd(at.plus(item.activeWindow().duration()));
            case CONCURRENT_DEVICE -> item.cappedAtEnd(at.plus(item.seatLease()));
            case PER_USAGE -> leaseExpiresAt;
        };
        DeviceAuthorized authorized = new DeviceAuthorized(state().projectId(), command.deviceId(),
                command.deviceName(), command.appId(), item.itemId(), item.type(), newRegistration, overage, at,
                registeredUntil, leaseExpiresAt);
        changes.record(authorized);
        return new AuthorizationDecision.Granted(authorized);
    }

    private AuthorizationDecision refuse(ErrorCode reason, String detail) {
        changes.record(new AuthorizationRefused(state().projectId(), command.deviceId(), command.appId(), reason,
                command.at()));
        return new AuthorizationDecision.Refused(reason, detail);
    }

    /** No item serves now: some are suspended or revoked (L7), one starts later (A7), or they all ended. */
    private AuthorizationDecision refuseForTerm() {
        Instant at = command.at();
        Set<LicenseStatus> heldBack = state().items().values().stream().filter(item -> item.isValidAt(at))
                .map(item -> state().itemStatus().get(item.itemId())).collect(Collectors.toSet());
        if (heldBack.contains(LicenseStatus.SUSPENDED)) {
            return refuse(ErrorCode.LICENSE_SUSPENDED, "this project's valid items are suspended");
        }
        if (heldBack.contains(LicenseStatus.REVOKED)) {
            return refuse(ErrorCode.LICENSE_REVOKED, "this project's valid items are revoked");
        }
        boolean startsLater = state().items().values().stream().anyMatch(item -> item.validFrom().isAfter(at));
        if (startsLater) {
            return refuse(ErrorCode.LICENSE_NOT_YET_VALID, "no license item of this project is valid yet");
        }
        return refuse(ErrorCode.LICENSE_EXPIRED, state().items().isEmpty()
                ? "this project has no license items" : "every license item of this project has expired");
    }

    private static ErrorCode codeFor(LicenseStatus status) {
        return status == LicenseStatus.REVOKED ? ErrorCode.LICENSE_REVOKED : ErrorCode.LICENSE_SUSPENDED;
    }
}
