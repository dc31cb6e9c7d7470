package io.licenseledger.command.project;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.licenseledger.command.alerts.SetAlertRecipients;
import io.licenseledger.command.authorization.AuthorizationDecision;
import io.licenseledger.command.authorization.AuthorizeDevice;
import io.licenseledger.command.lifecycle.ChangeItemStatus;
import io.licenseledger.command.lifecycle.ChangeProjectStatus;
import io.licenseledger.command.lifecycle.CheckExpiryAlerts;
import io.licenseledger.command.lifecycle.ExpireRegistration;
import io.licenseledger.command.lifecycle.ReleaseSeat;
import io.licenseledger.command.lifecycle.SetAllowedApps;
import io.licenseledger.command.lifecycle.UnregisterDevice;
import io.licenseledger.command.usage.ReportUsage;
import io.licenseledger.command.usage.UsageAnswer;
import io.licenseledger.command.usage.UsageBatches;
import io.licenseledger.events.AppId;
import io.licenseledger.events.Counts;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.AlertKind;
import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.events.project.AlertRecipientsChanged;
import io.licenseledger.events.project.AllowedAppsChanged;
import io.licenseledger.events.project.AuthorizationRefused;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.DeviceUnregistered;
import io.licenseledger.events.project.ItemAttached;
import io.licenseledger.events.project.ItemStatusChanged;
import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.events.project.ProjectCreated;
import io.licenseledger.events.project.ProjectStatusChanged;
import io.licenseledger.events.project.UnregistrationReason;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.events.project.UsageState;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A project: its attached items and their lifecycle, its devices' registrations and seats, its usage per item and
 * the alerts it raised. Every device decision on the project is taken here, one at a time, which is what keeps seat
 * and unit limits exact under concurrent requests.
 * <p>
 * Its state is snapshotted as JSON, field by field. A change to the fields or their meaning takes a new
 * {@link #REVISION}: snapshots of any other revision are then ignored and the project is rebuilt from its events.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = ProjectSnapshots.TRIGGER,
        snapshotFilter = ProjectSnapshots.FILTER)
@Revision(Project.REVISION)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
class Project {

    static final String REVISION = "2";

    static final Duration ALLOWED_CLOCK_SKEW = Duration.ofMinutes(5);
    /** How far a device clock may lag behind when it dates usage before the project's earliest term. */
    static final Duration LAGGING_CLOCK_MARGIN = Duration.ofDays(1);
    static final List<Integer> QUOTA_THRESHOLDS = List.of(60, 80, 100);
    /** Days before the last valid item ends, tightest first. */
    static final List<Integer> EXPIRY_THRESHOLDS = List.of(1, 7, 30);
    private static final List<LicenseType> SEAT_TYPES = List.of(LicenseType.PER_DEVICE, LicenseType.CONCURRENT_DEVICE);

    /** Items that end soonest serve first (rule L5); the item id breaks ties so decisions are repeatable. */
    private static final Comparator<LicenseItem> SOONEST_END_FIRST =
            Comparator.comparing(LicenseItem::validUntil).thenComparing(item -> item.itemId().value());

    private record Registration(ItemId itemId, LicenseType type, boolean overage, Instant registeredUntil) {

        boolean holdsSeat() {
            return type != LicenseType.PER_USAGE;
        }

        boolean isLiveAt(Instant at) {
            return registeredUntil.isAfter(at);
        }
    }

    // Not final: snapshots are read back into these fields, and Jackson skips final ones.
    @AggregateIdentifier
    private ProjectId projectId;
    private LicenseStatus status;
    private Set<AppId> allowedAppIds;
    private List<String> webhookUrls = List.of();
    private List<String> emailAddresses = List.of();
    private Map<ItemId, LicenseItem> items = new LinkedHashMap<>();
    private Map<ItemId, LicenseStatus> itemStatus = new HashMap<>();
    @JsonIgnore
    private Map<DeviceId, Registration> registrations = new HashMap<>();
    /** Insertion-ordered: a revoked item unregisters its devices in the order they registered. */
    @JsonIgnore
    private Map<ItemId, Set<DeviceId>> devicesByItem = new HashMap<>();
    private Map<ItemId, Long> unitsPerItem = new HashMap<>();
    private Set<String> raisedAlerts = new HashSet<>();

    Project() {
    }

    /**
     * The registrations of one item, in a snapshot, column by column in the order its devices registered: a project
     * may hold 100,000 of them, and arrays of strings and numbers are what reads back fastest after a restart.
     */
    private record RegisteredDevices(ItemId itemId, LicenseType type, String[] deviceIds, long[] untilSeconds,
                                     int[] untilNanos, int[] overageIndexes) {
    }

    @JsonProperty("devices")
    private List<RegisteredDevices> registeredDevices() {
        List<RegisteredDevices> columns = new ArrayList<>();
        devicesByItem.forEach((itemId, deviceIds) -> {
            Map<LicenseType, List<DeviceId>> byType = new LinkedHashMap<>();
            deviceIds.forEach(deviceId -> byType.computeIfAbsent(registrations.get(deviceId).type(),
                    type -> new ArrayList<>()).add(deviceId));
            byType.forEach((type, ofType) -> columns.add(columnsOf(itemId, type, ofType)));
        });
        return columns;
    }

    private RegisteredDevices columnsOf(ItemId itemId, LicenseType type, List<DeviceId> deviceIds) {
        int count = deviceIds.size();
        String[] ids = new String[count];
        long[] untilSeconds = new long[count];
        int[] untilNanos = new int[count];
        List<Integer> overage = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Registration registration = registrations.get(deviceIds.get(i));
            ids[i] = deviceIds.get(i).value();
            untilSeconds[i] = registration.registeredUntil().getEpochSecond();
            untilNanos[i] = registration.registeredUntil().getNano();
            if (registration.overage()) {
                overage.add(i);
            }
        }
        return new RegisteredDevices(itemId, type, ids, untilSeconds, untilNanos,
                overage.stream().mapToInt(Integer::intValue).toArray());
    }

    @JsonProperty("devices")
    private void restoreRegisteredDevices(List<RegisteredDevices> columns) {
        registrations = new HashMap<>();
        devicesByItem = new HashMap<>();
        for (RegisteredDevices item : columns) {
            Set<DeviceId> onItem = devicesByItem.computeIfAbsent(item.itemId(), id -> new LinkedHashSet<>());
            boolean[] overage = new boolean[item.deviceIds().length];
            for (int index : item.overageIndexes()) {
                overage[index] = true;
            }
            for (int i = 0; i < item.deviceIds().length; i++) {
                DeviceId deviceId = new DeviceId(item.deviceIds()[i]);
                registrations.put(deviceId, new Registration(item.itemId(), item.type(), overage[i],
                        Instant.ofEpochSecond(item.untilSeconds()[i], item.untilNanos()[i])));
                onItem.add(deviceId);
            }
        }
    }

    @CommandHandler
    Project(CreateProject command) {
        apply(new ProjectCreated(command.projectId(), command.name(), command.credentialHash(),
                command.allowedAppIds()));
    }

    /** Only loads the project (into the aggregate cache). */
    @CommandHandler
    void handle(LoadProject command) {
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
        Instant at = command.at();
        if (status != LicenseStatus.ACTIVE) {
            return refuse(command, codeFor(status), "this project is " + status.name().toLowerCase());
        }
        if (!isAppAllowed(command.appId())) {
            return refuse(command, ErrorCode.APP_NOT_ALLOWED, "app " + command.appId() + " is not allowed to use this project");
        }
        Registration current = registrations.get(command.deviceId());
        if (current != null) {
            LicenseItem item = items.get(current.itemId());
            if (item.isValidAt(at) && (!current.holdsSeat() || current.isLiveAt(at))) {
                // Only a registration still in force binds the device to its item's status: a lapsed one is free.
                LicenseStatus lifecycle = itemStatus.get(current.itemId());
                if (lifecycle == LicenseStatus.ACTIVE) {
                    return reauthorize(command, current, item);
                }
                if (current.holdsSeat()) {
                    return refuse(command, codeFor(lifecycle), "the item this device is registered on is "
                            + lifecycle.name().toLowerCase());
                }
            }
            if (current.holdsSeat()) {
                unregister(command.deviceId(), current, lapseReason(current, item), at);
            }
        }
        List<LicenseItem> serving = servingItemsAt(at);
        if (serving.isEmpty()) {
            return refuseForTerm(command);
        }
        return registerNewDevice(command, serving);
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
        assertNoEntryBeforeOldestUsage(command);
        Map<ItemId, Long> unitsAfter = new HashMap<>(unitsPerItem);
        List<UsageAllocation> allocations = allocate(command.entries(), unitsAfter);
        UsageStanding standing = isUsageStopped(command.at())
                ? UsageStanding.STOPPED
                : UsageStanding.of(usageItemsServingAt(command.at()), unitsAfter);
        long unitsRecorded = command.units();
        apply(new UsageRecorded(projectId, command.deviceId(), command.batchId(), fingerprint, allocations,
                unitsRecorded, standing.state(), standing.unitsRemaining(), command.at(),
                refreshedActivity(command.deviceId(), command.at())));
        raiseQuotaAlerts(LicenseType.PER_USAGE, command.at());
        return new UsageAnswer(command.batchId(), false, standing.state(), unitsRecorded, standing.unitsRemaining());
    }

    @CommandHandler
    void handle(ReleaseSeat command) {
        Registration registration = registrations.get(command.deviceId());
        if (registration != null && registration.type() == LicenseType.CONCURRENT_DEVICE) {
            unregister(command.deviceId(), registration, UnregistrationReason.RELEASED, command.at());
        }
    }

    @CommandHandler
    void handle(UnregisterDevice command) {
        Registration registration = registrations.get(command.deviceId());
        if (registration == null) {
            throw new LedgerException(ErrorCode.DEVICE_NOT_REGISTERED,
                    "device " + command.deviceId() + " is not registered in this project");
        }
        unregister(command.deviceId(), registration, UnregistrationReason.UNREGISTERED_BY_ADMIN, command.at());
    }

    /** Frees a seat whose registration or lease has run out (A3, A4); a no-op when it was renewed meanwhile. */
    @CommandHandler
    void handle(ExpireRegistration command) {
        Registration registration = registrations.get(command.deviceId());
        if (registration != null && registration.holdsSeat() && !registration.isLiveAt(command.at())) {
            unregister(command.deviceId(), registration,
                    lapseReason(registration, items.get(registration.itemId())), command.at());
        }
    }

    @CommandHandler
    boolean handle(ChangeProjectStatus command) {
        assertTransition(status, command.status(), "project " + projectId);
        if (status == command.status()) {
            return false;
        }
        apply(new ProjectStatusChanged(projectId, command.status(), command.note(), command.at()));
        return true;
    }

    @CommandHandler
    boolean handle(ChangeItemStatus command) {
        LicenseStatus current = itemStatus.get(command.itemId());
        if (current == null) {
            throw new LedgerException(ErrorCode.ITEM_NOT_FOUND,
                    "item " + command.itemId() + " is not attached to project " + projectId);
        }
        assertTransition(current, command.status(), "item " + command.itemId());
        if (current == command.status()) {
            return false;
        }
        apply(new ItemStatusChanged(projectId, command.itemId(), command.status(), command.note(), command.at()));
        if (command.status() == LicenseStatus.REVOKED) {
            for (DeviceId deviceId : List.copyOf(devicesByItem.getOrDefault(command.itemId(), Set.of()))) {
                unregister(deviceId, registrations.get(deviceId), UnregistrationReason.ITEM_REVOKED, command.at());
            }
        }
        return true;
    }

    @CommandHandler
    void handle(SetAllowedApps command) {
        if (!allowedAppIds.equals(command.allowedAppIds())) {
            apply(new AllowedAppsChanged(projectId, command.allowedAppIds()));
        }
    }

    @CommandHandler
    void handle(SetAlertRecipients command) {
        if (!webhookUrls.equals(command.webhookUrls()) || !emailAddresses.equals(command.emailAddresses())) {
            apply(new AlertRecipientsChanged(projectId, command.webhookUrls(), command.emailAddresses()));
        }
    }

    /**
     * Raises the expiry alert now due (N1): the tightest of 30, 7 and 1 days before the project's last valid item
     * ends; a looser one that was skipped is never raised afterwards, since time only moves forward.
     */
    @CommandHandler
    void handle(CheckExpiryAlerts command) {
        Instant at = command.at();
        lastItemOfUnbrokenCoverage(at).ifPresent(last -> {
            long daysLeft = (long) Math.ceil(Duration.between(at, last.validUntil()).toSeconds() / 86_400.0);
            EXPIRY_THRESHOLDS.stream()
                    .filter(days -> !at.isBefore(last.validUntil().minus(days, ChronoUnit.DAYS)))
                    .findFirst()
                    .ifPresent(days -> raise(AlertKind.EXPIRY_NEAR, null, days, last.itemId().value(), daysLeft,
                            days, at));
        });
    }

    /**
     * The active item whose end ends the project's coverage from now on: items serving now, extended by attached
     * items (renewals) that start before the coverage runs out.
     */
    private Optional<LicenseItem> lastItemOfUnbrokenCoverage(Instant at) {
        Optional<LicenseItem> last = servingItemsAt(at).stream().max(Comparator.comparing(LicenseItem::validUntil));
        while (last.isPresent()) {
            Instant end = last.get().validUntil();
            Optional<LicenseItem> extension = items.values().stream()
                    .filter(item -> itemStatus.get(item.itemId()) == LicenseStatus.ACTIVE)
                    .filter(item -> !item.validFrom().isAfter(end) && item.validUntil().isAfter(end))
                    .max(Comparator.comparing(LicenseItem::validUntil));
            if (extension.isEmpty()) {
                return last;
            }
            last = extension;
        }
        return last;
    }

    private AuthorizationDecision reauthorize(AuthorizeDevice command, Registration current, LicenseItem item) {
        if (item.type() == LicenseType.PER_USAGE) {
            UsageStanding standing = UsageStanding.of(usageItemsServingAt(command.at()), unitsPerItem);
            if (standing.isExhausted()) {
                return refuse(command, ErrorCode.QUOTA_EXCEEDED, "the project's usage quota and overage are used up");
            }
            return grant(command, item, false, standing.isInOverage());
        }
        return grant(command, item, false, current.overage());
    }

    /** Seat types first (per-device, then concurrent), each soonest-ending first; then usage items (A2, A4, A5). */
    private AuthorizationDecision registerNewDevice(AuthorizeDevice command, List<LicenseItem> serving) {
        for (LicenseType type : SEAT_TYPES) {
            List<LicenseItem> seatItems = serving.stream().filter(item -> item.type() == type).toList();
            Optional<LicenseItem> freeSeat = firstWithRoom(seatItems, LicenseItem::quantity, command.at());
            if (freeSeat.isPresent()) {
                return grant(command, freeSeat.get(), true, false);
            }
            Optional<LicenseItem> overageSeat = firstWithRoom(seatItems, LicenseItem::hardLimit, command.at());
            if (overageSeat.isPresent()) {
                return grant(command, overageSeat.get(), true, true);
            }
        }
        List<LicenseItem> usageItems = serving.stream().filter(item -> item.type() == LicenseType.PER_USAGE).toList();
        if (!usageItems.isEmpty()) {
            UsageStanding standing = UsageStanding.of(usageItems, unitsPerItem);
            if (!standing.isExhausted()) {
                return grant(command, usageItems.get(0), true, standing.isInOverage());
            }
            return refuse(command, ErrorCode.QUOTA_EXCEEDED, "the project's usage quota and overage are used up");
        }
        long seats = serving.stream().mapToLong(LicenseItem::quantity).reduce(0, Counts::add);
        return refuse(command, ErrorCode.QUOTA_EXCEEDED, "all " + seats + " seats and the overage allowance are taken");
    }

    /** The first item with a seat under {@code limit}, freeing seats whose registration ran out before counting. */
    private Optional<LicenseItem> firstWithRoom(List<LicenseItem> seatItems,
                                                ToLongFunction<LicenseItem> limit, Instant at) {
        for (LicenseItem item : seatItems) {
            if (seatsTakenOn(item) >= limit.applyAsLong(item)) {
                freeLapsedSeats(item, at);
            }
            if (seatsTakenOn(item) < limit.applyAsLong(item)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    /** Registrations past their end free their seat at once, even before the sweeper records it (A3, A4). */
    private void freeLapsedSeats(LicenseItem item, Instant at) {
        List<DeviceId> lapsed = devicesByItem.getOrDefault(item.itemId(), Set.of()).stream()
                .filter(deviceId -> !registrations.get(deviceId).isLiveAt(at))
                .sorted(Comparator.comparing(DeviceId::value))
                .toList();
        for (DeviceId deviceId : lapsed) {
            Registration registration = registrations.get(deviceId);
            unregister(deviceId, registration, lapseReason(registration, item), at);
        }
    }

    private AuthorizationDecision grant(AuthorizeDevice command, LicenseItem item, boolean newRegistration,
                                        boolean overage) {
        Instant at = command.at();
        Instant leaseExpiresAt = earliest(at.plus(item.offlineWindow()), item.validUntil());
        Instant registeredUntil = switch (item.type()) {
            case PER_DEVICE -> earliest(at.plus(item.activeWindow().duration()), item.validUntil());
            case CONCURRENT_DEVICE -> earliest(at.plus(item.seatLease()), item.validUntil());
            case PER_USAGE -> leaseExpiresAt;
        };
        DeviceAuthorized authorized = new DeviceAuthorized(projectId, command.deviceId(), command.deviceName(),
                command.appId(), item.itemId(), item.type(), newRegistration, overage, at, registeredUntil,
                leaseExpiresAt);
        apply(authorized);
        if (newRegistration && item.type() != LicenseType.PER_USAGE) {
            raiseQuotaAlerts(item.type(), at);
        }
        return new AuthorizationDecision.Granted(authorized);
    }

    private AuthorizationDecision refuse(AuthorizeDevice command, ErrorCode reason, String detail) {
        apply(new AuthorizationRefused(projectId, command.deviceId(), command.appId(), reason, command.at()));
        return new AuthorizationDecision.Refused(reason, detail);
    }

    /** No item serves now: some are suspended or revoked (L7), one starts later (A7), or they all ended. */
    private AuthorizationDecision refuseForTerm(AuthorizeDevice command) {
        Instant at = command.at();
        Set<LicenseStatus> heldBack = items.values().stream().filter(item -> item.isValidAt(at))
                .map(item -> itemStatus.get(item.itemId())).collect(Collectors.toSet());
        if (heldBack.contains(LicenseStatus.SUSPENDED)) {
            return refuse(command, ErrorCode.LICENSE_SUSPENDED, "this project's valid items are suspended");
        }
        if (heldBack.contains(LicenseStatus.REVOKED)) {
            return refuse(command, ErrorCode.LICENSE_REVOKED, "this project's valid items are revoked");
        }
        boolean startsLater = items.values().stream().anyMatch(item -> item.validFrom().isAfter(at));
        return startsLater
                ? refuse(command, ErrorCode.LICENSE_NOT_YET_VALID, "no license item of this project is valid yet")
                : refuse(command, ErrorCode.LICENSE_EXPIRED, items.isEmpty()
                ? "this project has no license items" : "every license item of this project has expired");
    }

    private void unregister(DeviceId deviceId, Registration registration, UnregistrationReason reason, Instant at) {
        apply(new DeviceUnregistered(projectId, deviceId, registration.itemId(), reason, at));
    }

    private static UnregistrationReason lapseReason(Registration registration, LicenseItem item) {
        if (!registration.registeredUntil().isBefore(item.validUntil())) {
            return UnregistrationReason.ITEM_ENDED;
        }
        return registration.type() == LicenseType.CONCURRENT_DEVICE
                ? UnregistrationReason.SEAT_LEASE_EXPIRED
                : UnregistrationReason.ACTIVITY_WINDOW_ELAPSED;
    }

    /**
     * Raises the quota alerts of one type that its use now calls for (N1): 60, 80 and 100 % of quota, entering
     * overage, the hard stop; once per project, kind, threshold and term (the items serving now).
     */
    private void raiseQuotaAlerts(LicenseType type, Instant at) {
        List<LicenseItem> serving = servingItemsAt(at).stream().filter(item -> item.type() == type).toList();
        if (serving.isEmpty()) {
            return;
        }
        long quota = serving.stream().mapToLong(LicenseItem::quantity).reduce(0, Counts::add);
        long hardLimit = serving.stream().mapToLong(LicenseItem::hardLimit).reduce(0, Counts::add);
        long used = serving.stream().mapToLong(item -> type == LicenseType.PER_USAGE
                ? unitsPerItem.getOrDefault(item.itemId(), 0L) : seatsTakenOn(item)).reduce(0, Counts::add);
        String term = serving.stream().map(item -> item.itemId().value()).sorted().collect(Collectors.joining("+"));
        for (int threshold : QUOTA_THRESHOLDS) {
            if (Counts.reachesPercent(used, threshold, quota)) {
                raise(AlertKind.QUOTA_THRESHOLD, type, threshold, term, used, quota, at);
            }
        }
        if (used > quota && hardLimit > quota) {
            raise(AlertKind.OVERAGE_ENTERED, type, 0, term, used, quota, at);
        }
        if (hardLimit != Long.MAX_VALUE && used >= hardLimit) {
            raise(AlertKind.HARD_STOP, type, 0, term, used, hardLimit, at);
        }
    }

    private void raise(AlertKind kind, LicenseType type, int threshold, String term, long used, long limit,
                       Instant at) {
        String alertId = kind + ":" + (type == null ? "ALL" : type) + ":" + threshold + ":" + term;
        if (!raisedAlerts.contains(alertId)) {
            apply(new AlertRaised(projectId, alertId, kind, type, threshold, term, used, limit, at));
        }
    }

    /**
     * Counts each entry against the usage items serving at its own time (U4), soonest-ending first: first within
     * their quotas, then what is left on the soonest-ending one, past quota if need be, since usage is a fact (U3).
     */
    private List<UsageAllocation> allocate(List<ReportUsage.Entry> entries, Map<ItemId, Long> unitsAfter) {
        List<UsageAllocation> allocations = new ArrayList<>();
        for (ReportUsage.Entry entry : entries) {
            List<LicenseItem> candidates = usageItemsServingAt(entry.at());
            long left = entry.units();
            for (LicenseItem item : candidates) {
                long free = Counts.remaining(item.quantity(), unitsAfter.getOrDefault(item.itemId(), 0L));
                long taken = Math.min(free, left);
                if (taken > 0) {
                    unitsAfter.merge(item.itemId(), taken, Counts::add);
                    allocations.add(new UsageAllocation(entry.at(), taken, entry.feature(), item.itemId()));
                    left -= taken;
                }
            }
            if (left > 0) {
                ItemId overflowItem = candidates.isEmpty() ? null : candidates.get(0).itemId();
                if (overflowItem != null) {
                    unitsAfter.merge(overflowItem, left, Counts::add);
                }
                allocations.add(new UsageAllocation(entry.at(), left, entry.feature(), overflowItem));
            }
        }
        return allocations;
    }

    /** A usage report is activity for a registered per-device device (U5), never past its item's end. */
    private Instant refreshedActivity(DeviceId deviceId, Instant at) {
        Registration registration = registrations.get(deviceId);
        if (registration == null || registration.type() != LicenseType.PER_DEVICE || !registration.isLiveAt(at)) {
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

    /**
     * Refuses entries dated before the oldest usage this project can have (U4): a device works only under a lease,
     * and leases are granted only inside an item's term, so nothing real predates the project's earliest term (or
     * the server time, with no term yet) by more than a lagging device clock. However long a device stayed offline,
     * its entries stay after that, so usage that happened is still recorded (U3).
     */
    private void assertNoEntryBeforeOldestUsage(ReportUsage command) {
        Instant oldest = oldestUsageAt(command.at());
        for (int i = 0; i < command.entries().size(); i++) {
            if (command.entries().get(i).at().isBefore(oldest)) {
                throw new LedgerException(ErrorCode.VALIDATION_FAILED, "entries[" + i + "].at is before " + oldest
                        + ", the oldest time this project takes usage for (a day before its earliest term)");
            }
        }
    }

    private Instant oldestUsageAt(Instant now) {
        Instant earliestTerm = items.values().stream().map(LicenseItem::validFrom)
                .filter(validFrom -> validFrom.isBefore(now)).min(Comparator.naturalOrder()).orElse(now);
        // Items recorded before terms were bounded at import may start at any instant Instant can hold.
        Instant floor = earliestTerm.isBefore(LicenseItem.EARLIEST_TIME) ? LicenseItem.EARLIEST_TIME : earliestTerm;
        return floor.minus(LAGGING_CLOCK_MARGIN);
    }

    /** The project, or every usage item valid now, is suspended or revoked: usage is recorded, the SDK must stop. */
    private boolean isUsageStopped(Instant at) {
        if (status != LicenseStatus.ACTIVE) {
            return true;
        }
        boolean anyUsageItemValid = items.values().stream()
                .anyMatch(item -> item.type() == LicenseType.PER_USAGE && item.isValidAt(at));
        return anyUsageItemValid && usageItemsServingAt(at).isEmpty();
    }

    /** Revoked is final; every other change is allowed (L7). */
    private static void assertTransition(LicenseStatus from, LicenseStatus to, String what) {
        if (from == LicenseStatus.REVOKED && to != LicenseStatus.REVOKED) {
            throw new LedgerException(ErrorCode.INVALID_TRANSITION, what + " is revoked; a revocation is final");
        }
    }

    private static ErrorCode codeFor(LicenseStatus status) {
        return status == LicenseStatus.REVOKED ? ErrorCode.LICENSE_REVOKED : ErrorCode.LICENSE_SUSPENDED;
    }

    private boolean isAppAllowed(AppId appId) {
        return allowedAppIds.isEmpty() || (appId != null && allowedAppIds.contains(appId));
    }

    /** Items valid at {@code at} and neither suspended nor revoked, soonest-ending first. */
    private List<LicenseItem> servingItemsAt(Instant at) {
        return items.values().stream()
                .filter(item -> item.isValidAt(at) && itemStatus.get(item.itemId()) == LicenseStatus.ACTIVE)
                .sorted(SOONEST_END_FIRST)
                .toList();
    }

    private List<LicenseItem> usageItemsServingAt(Instant at) {
        return servingItemsAt(at).stream().filter(item -> item.type() == LicenseType.PER_USAGE).toList();
    }

    private long seatsTakenOn(LicenseItem item) {
        return devicesByItem.getOrDefault(item.itemId(), Set.of()).size();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @EventSourcingHandler
    void on(ProjectCreated event) {
        projectId = event.projectId();
        status = LicenseStatus.ACTIVE;
        allowedAppIds = event.allowedAppIds();
    }

    @EventSourcingHandler
    void on(ItemAttached event) {
        items.put(event.item().itemId(), event.item());
        itemStatus.put(event.item().itemId(), LicenseStatus.ACTIVE);
    }

    @EventSourcingHandler
    void on(DeviceAuthorized event) {
        Registration previous = registrations.put(event.deviceId(), new Registration(event.itemId(),
                event.licenseType(), event.overage(), event.registeredUntil()));
        if (previous != null && !previous.itemId().equals(event.itemId())) {
            devicesByItem.get(previous.itemId()).remove(event.deviceId());
        }
        devicesByItem.computeIfAbsent(event.itemId(), id -> new LinkedHashSet<>()).add(event.deviceId());
    }

    @EventSourcingHandler
    void on(DeviceUnregistered event) {
        registrations.remove(event.deviceId());
        Set<DeviceId> onItem = devicesByItem.get(event.itemId());
        if (onItem != null) {
            onItem.remove(event.deviceId());
        }
    }

    @EventSourcingHandler
    void on(UsageRecorded event) {
        for (UsageAllocation allocation : event.allocations()) {
            if (allocation.itemId() != null) {
                unitsPerItem.merge(allocation.itemId(), allocation.units(), Counts::add);
            }
        }
        Registration registration = registrations.get(event.deviceId());
        if (registration != null && event.deviceActiveUntil() != null) {
            registrations.put(event.deviceId(), new Registration(registration.itemId(), registration.type(),
                    registration.overage(), event.deviceActiveUntil()));
        }
    }

    @EventSourcingHandler
    void on(ProjectStatusChanged event) {
        status = event.status();
    }

    @EventSourcingHandler
    void on(ItemStatusChanged event) {
        itemStatus.put(event.itemId(), event.status());
    }

    @EventSourcingHandler
    void on(AllowedAppsChanged event) {
        allowedAppIds = event.allowedAppIds();
    }

    @EventSourcingHandler
    void on(AlertRecipientsChanged event) {
        webhookUrls = event.webhookUrls();
        emailAddresses = event.emailAddresses();
    }

    @EventSourcingHandler
    void on(AlertRaised event) {
        raisedAlerts.add(event.alertId());
    }

    /** Where a project's usage stands on the usage items serving at one instant (rules U3, A5). */
    record UsageStanding(long quota, long hardLimit, long used) {

        /** A suspended or revoked project: usage is still recorded, and the SDK is told to stop. */
        static final UsageStanding STOPPED = new UsageStanding(1, 0, 0);

        static UsageStanding of(Collection<LicenseItem> usageItems, Map<ItemId, Long> unitsPerItem) {
            long quota = 0;
            long hardLimit = 0;
            long used = 0;
            for (LicenseItem item : usageItems) {
                quota = Counts.add(quota, item.quantity());
                hardLimit = Counts.add(hardLimit, item.hardLimit());
                used = Counts.add(used, unitsPerItem.getOrDefault(item.itemId(), 0L));
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
            return isInOverage() ? UsageState.OVERAGE : UsageState.OK;
        }

        /** Units left before the hard stop; null when nothing limits usage. */
        Long unitsRemaining() {
            if (!limitsUsage() || isUnlimited()) {
                return null;
            }
            return Counts.remaining(hardLimit, used);
        }
    }
}
