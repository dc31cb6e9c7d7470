package io.licenseledger.command.project;

import io.licenseledger.command.authorization.AuthorizationDecision;
import io.licenseledger.command.authorization.AuthorizeDevice;
import io.licenseledger.command.usage.ReportUsage;
import io.licenseledger.command.usage.UsageAnswer;
import io.licenseledger.command.usage.UsageBatches;
import io.licenseledger.events.AppId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.AuthorizationRefused;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.ItemAttached;
import io.licenseledger.events.project.ProjectCreated;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.events.project.UsageState;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A project: its attached items, its devices' registrations and its usage per item. Every device decision on the
 * project is taken here, one at a time, which is what keeps seat and unit limits exact under concurrent requests.
 */
@Aggregate(cache = "aggregateCache")
class Project {

    static final Duration ALLOWED_CLOCK_SKEW = Duration.ofMinutes(5);

    /** Items that end soonest serve first (rule L5); the item id breaks ties so decisions are repeatable. */
    private static final Comparator<LicenseItem> SOONEST_END_FIRST =
            Comparator.comparing(LicenseItem::validUntil).thenComparing(item -> item.itemId().value());

    private record Registration(ItemId itemId, LicenseType type, boolean overage, Instant registeredUntil) {
    }

    @AggregateIdentifier
    private ProjectId projectId;
    private Set<AppId> allowedAppIds;
    private final Map<ItemId, LicenseItem> items = new LinkedHashMap<>();
    private final Map<DeviceId, Registration> registrations = new HashMap<>();
    private final Map<ItemId, Long> devicesPerItem = new HashMap<>();
    private final Map<ItemId, Long> unitsPerItem = new HashMap<>();

    Project() {
    }

    @CommandHandler
    Project(CreateProject command) {
        apply(new ProjectCreated(command.projectId(), command.name(), command.credentialHash(),
                command.allowedAppIds()));
    }

    /** Attaches an item; false when it already is attached here (L3). */
    @CommandHandler
    boolean handle(AttachItem command) {
        if (items.containsKey(command.item().itemId())) {
            return false;
        }
        apply(new ItemAttached(projectId, command.licenseId(), command.item()));
        return true;
    }

    @CommandHandler
    AuthorizationDecision handle(AuthorizeDevice command) {
        if (!isAppAllowed(command.appId())) {
            return refuse(command, ErrorCode.APP_NOT_ALLOWED, "app " + command.appId() + " is not allowed to use this project");
        }
        List<LicenseItem> valid = itemsValidAt(command.at());
        if (valid.isEmpty()) {
            return refuseForTerm(command);
        }
        Registration current = registrations.get(command.deviceId());
        if (current != null && items.get(current.itemId()).isValidAt(command.at())) {
            return reauthorize(command, current);
        }
        return registerNewDevice(command, valid);
    }

    @CommandHandler
    UsageAnswer handle(ReportUsage command, UsageBatches batches) {
        Optional<UsageBatches.RecordedBatch> previous = batches.find(projectId, command.deviceId(), command.batchId());
        String fingerprint = command.fingerprint();
        if (previous.isPresent()) {
            assertSameBatch(previous.get(), fingerprint, command);
            return previous.get().answer();
        }
        assertNoEntryAheadOfServer(command);
        Map<ItemId, Long> unitsAfter = new HashMap<>(unitsPerItem);
        List<UsageAllocation> allocations = allocate(command.entries(), unitsAfter);
        UsageStanding standing = UsageStanding.of(usageItemsValidAt(command.at()), unitsAfter);
        long unitsRecorded = command.entries().stream().mapToLong(ReportUsage.Entry::units).sum();
        apply(new UsageRecorded(projectId, command.deviceId(), command.batchId(), fingerprint, allocations,
                unitsRecorded, standing.state(), standing.unitsRemaining(), command.at(),
                refreshedActivity(command.deviceId(), command.at())));
        return new UsageAnswer(command.batchId(), false, standing.state(), unitsRecorded, standing.unitsRemaining());
    }

    private AuthorizationDecision reauthorize(AuthorizeDevice command, Registration current) {
        LicenseItem item = items.get(current.itemId());
        if (item.type() == LicenseType.PER_USAGE) {
            UsageStanding standing = UsageStanding.of(usageItemsValidAt(command.at()), unitsPerItem);
            if (standing.isExhausted()) {
                return refuse(command, ErrorCode.QUOTA_EXCEEDED, "the project's usage quota and overage are used up");
            }
            return grant(command, item, false, standing.isInOverage());
        }
        return grant(command, item, false, current.overage());
    }

    private AuthorizationDecision registerNewDevice(AuthorizeDevice command, List<LicenseItem> valid) {
        List<LicenseItem> seatItems = valid.stream().filter(item -> item.type() == LicenseType.PER_DEVICE).toList();
        for (LicenseItem item : seatItems) {
            if (devicesOn(item) < item.quantity()) {
                return grant(command, item, true, false);
            }
        }
        for (LicenseItem item : seatItems) {
            if (devicesOn(item) < item.hardLimit()) {
                return grant(command, item, true, true);
            }
        }
        List<LicenseItem> usageItems = valid.stream().filter(item -> item.type() == LicenseType.PER_USAGE).toList();
        if (!usageItems.isEmpty()) {
            UsageStanding standing = UsageStanding.of(usageItems, unitsPerItem);
            if (!standing.isExhausted()) {
                return grant(command, usageItems.get(0), true, standing.isInOverage());
            }
            return refuse(command, ErrorCode.QUOTA_EXCEEDED, "the project's usage quota and overage are used up");
        }
        if (seatItems.isEmpty()) {
            return refuse(command, ErrorCode.QUOTA_EXCEEDED, "no item of a type this server serves yet is valid now");
        }
        long seats = seatItems.stream().mapToLong(LicenseItem::quantity).sum();
        return refuse(command, ErrorCode.QUOTA_EXCEEDED, "all " + seats + " seats and the overage allowance are taken");
    }

    private AuthorizationDecision grant(AuthorizeDevice command, LicenseItem item, boolean newRegistration,
                                        boolean overage) {
        Instant leaseExpiresAt = earliest(command.at().plus(item.offlineWindow()), item.validUntil());
        Instant registeredUntil = item.type() == LicenseType.PER_DEVICE
                ? earliest(command.at().plus(item.activeWindow().duration()), item.validUntil())
                : leaseExpiresAt;
        DeviceAuthorized authorized = new DeviceAuthorized(projectId, command.deviceId(), command.deviceName(),
                command.appId(), item.itemId(), item.type(), newRegistration, overage, command.at(), registeredUntil,
                leaseExpiresAt);
        apply(authorized);
        return new AuthorizationDecision.Granted(authorized);
    }

    private AuthorizationDecision refuse(AuthorizeDevice command, ErrorCode reason, String detail) {
        apply(new AuthorizationRefused(projectId, command.deviceId(), command.appId(), reason, command.at()));
        return new AuthorizationDecision.Refused(reason, detail);
    }

    /** No item is valid now: either one starts later (A7, not yet valid) or they all ended. */
    private AuthorizationDecision refuseForTerm(AuthorizeDevice command) {
        boolean startsLater = items.values().stream().anyMatch(item -> item.validFrom().isAfter(command.at()));
        return startsLater
                ? refuse(command, ErrorCode.LICENSE_NOT_YET_VALID, "no license item of this project is valid yet")
                : refuse(command, ErrorCode.LICENSE_EXPIRED, items.isEmpty()
                ? "this project has no license items" : "every license item of this project has expired");
    }

    /**
     * Counts each entry against the usage items valid at its own time (U4), soonest-ending first (L5): first within
     * their quotas, then what is left on the soonest-ending one, past quota if need be, since usage is a fact (U3).
     */
    private List<UsageAllocation> allocate(List<ReportUsage.Entry> entries, Map<ItemId, Long> unitsAfter) {
        List<UsageAllocation> allocations = new ArrayList<>();
        for (ReportUsage.Entry entry : entries) {
            List<LicenseItem> candidates = usageItemsValidAt(entry.at());
            long left = entry.units();
            for (LicenseItem item : candidates) {
                long free = item.quantity() - unitsAfter.getOrDefault(item.itemId(), 0L);
                long taken = Math.min(Math.max(free, 0), left);
                if (taken > 0) {
                    unitsAfter.merge(item.itemId(), taken, Long::sum);
                    allocations.add(new UsageAllocation(entry.at(), taken, entry.feature(), item.itemId()));
                    left -= taken;
                }
            }
            if (left > 0) {
                ItemId overflowItem = candidates.isEmpty() ? null : candidates.get(0).itemId();
                if (overflowItem != null) {
                    unitsAfter.merge(overflowItem, left, Long::sum);
                }
                allocations.add(new UsageAllocation(entry.at(), left, entry.feature(), overflowItem));
            }
        }
        return allocations;
    }

    /** A usage report is activity for a registered per-device device (U5), never past its item's end. */
    private Instant refreshedActivity(DeviceId deviceId, Instant at) {
        Registration registration = registrations.get(deviceId);
        if (registration == null || registration.type() != LicenseType.PER_DEVICE) {
            return null;
        }
        LicenseItem item = items.get(registration.itemId());
        if (!item.isValidAt(at)) {
            return null;
        }
        return earliest(at.plus(item.activeWindow().duration()), item.validUntil());
    }

    private void assertSameBatch(UsageBatches.RecordedBatch previous, String fingerprint, ReportUsage command) {
        if (!previous.fingerprint().equals(fingerprint)) {
            throw new LedgerException(ErrorCode.BATCH_CONFLICT, "batch " + command.batchId()
                    + " was already reported by this device with different entries");
        }
    }

    private void assertNoEntryAheadOfServer(ReportUsage command) {
        Instant latestAllowed = command.at().plus(ALLOWED_CLOCK_SKEW);
        for (int i = 0; i < command.entries().size(); i++) {
            if (command.entries().get(i).at().isAfter(latestAllowed)) {
                throw new LedgerException(ErrorCode.CLOCK_SKEW, "entries[" + i + "].at is more than 5 minutes ahead of"
                        + " the server time " + command.at() + "; check the device clock");
            }
        }
    }

    private boolean isAppAllowed(AppId appId) {
        return allowedAppIds.isEmpty() || (appId != null && allowedAppIds.contains(appId));
    }

    private List<LicenseItem> itemsValidAt(Instant at) {
        return items.values().stream().filter(item -> item.isValidAt(at)).sorted(SOONEST_END_FIRST).toList();
    }

    private List<LicenseItem> usageItemsValidAt(Instant at) {
        return itemsValidAt(at).stream().filter(item -> item.type() == LicenseType.PER_USAGE).toList();
    }

    private long devicesOn(LicenseItem item) {
        return devicesPerItem.getOrDefault(item.itemId(), 0L);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @EventSourcingHandler
    void on(ProjectCreated event) {
        projectId = event.projectId();
        allowedAppIds = event.allowedAppIds();
    }

    @EventSourcingHandler
    void on(ItemAttached event) {
        items.put(event.item().itemId(), event.item());
    }

    @EventSourcingHandler
    void on(DeviceAuthorized event) {
        Registration previous = registrations.put(event.deviceId(), new Registration(event.itemId(),
                event.licenseType(), event.overage(), event.registeredUntil()));
        if (previous == null || !previous.itemId().equals(event.itemId())) {
            devicesPerItem.merge(event.itemId(), 1L, Long::sum);
            if (previous != null) {
                devicesPerItem.merge(previous.itemId(), -1L, Long::sum);
            }
        }
    }

    @EventSourcingHandler
    void on(UsageRecorded event) {
        for (UsageAllocation allocation : event.allocations()) {
            if (allocation.itemId() != null) {
                unitsPerItem.merge(allocation.itemId(), allocation.units(), Long::sum);
            }
        }
        Registration registration = registrations.get(event.deviceId());
        if (registration != null && event.deviceActiveUntil() != null) {
            registrations.put(event.deviceId(), new Registration(registration.itemId(), registration.type(),
                    registration.overage(), event.deviceActiveUntil()));
        }
    }

    /** Where a project's usage stands on the usage items valid at one instant (rules U3, A5). */
    record UsageStanding(long quota, long hardLimit, long used) {

        static UsageStanding of(Collection<LicenseItem> usageItems, Map<ItemId, Long> unitsPerItem) {
            long quota = 0;
            long hardLimit = 0;
            long used = 0;
            for (LicenseItem item : usageItems) {
                quota += item.quantity();
                hardLimit = saturatedAdd(hardLimit, item.hardLimit());
                used += unitsPerItem.getOrDefault(item.itemId(), 0L);
            }
            return new UsageStanding(quota, hardLimit, used);
        }

        boolean limitsUsage() {
            return quota > 0;
        }

        boolean isUnlimited() {
            return hardLimit == Long.MAX_VALUE;
        }

        boolean isExhausted() {
            return limitsUsage() && !isUnlimited() && used >= hardLimit;
        }

        boolean isInOverage() {
            return used > quota && !isExhausted();
        }

        UsageState state() {
            if (isExhausted()) {
                return UsageState.EXHAUSTED;
            }
            return isInOverage() ? UsageState.OVERAGE
                    : UsageState.OK;
        }

        /** Units left before the hard stop; null when nothing limits usage. */
        Long unitsRemaining() {
            if (!limitsUsage() || isUnlimited()) {
                return null;
            }
            return Math.max(0, hardLimit - used);
        }

        private static long saturatedAdd(long a, long b) {
            return b > Long.MAX_VALUE - a ? Long.MAX_VALUE : a + b;
        }
    }
}
