package io.licenseledger.command.usage;

import io.licenseledger.command.state.Changes;
import io.licenseledger.command.state.Decision;
import io.licenseledger.command.state.ProjectState;
import io.licenseledger.command.state.Registration;
import io.licenseledger.command.state.UsageStanding;
import io.licenseledger.events.Counts;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records a usage batch (rules U1-U5): usage that happened is a fact and is recorded even past quota; the answer
 * says where the project stands. A batch already recorded gets its first answer again and records nothing.
 */
public final class UsageDecider {

    private static final Duration ALLOWED_CLOCK_SKEW = Duration.ofMinutes(5);
    /** How far a device clock may lag behind when it dates usage before the project's earliest term. */
    private static final Duration LAGGING_CLOCK_MARGIN = Duration.ofDays(1);

    private UsageDecider() {
    }

    /** @param previous the batch as first recorded under the command's (project, device, batch), if it was */
    public static Decision<UsageAnswer> decide(ProjectState state, ReportUsage command,
                                               Optional<UsageBatches.RecordedBatch> previous) {
        Changes changes = new Changes(state);
        String fingerprint = command.fingerprint();
        if (previous.isPresent()) {
            if (!previous.get().fingerprint().equals(fingerprint)) {
                throw new LedgerException(ErrorCode.BATCH_CONFLICT, "batch " + command.batchId()
                        + " was already reported by this device with different entries");
            }
            return changes.answer(previous.get().answer());
        }
        assertNoEntryAheadOfServer(command);
        assertNoEntryBeforeOldestUsage(state, command);
        Map<ItemId, Long> unitsAfter = new HashMap<>(state.unitsPerItem());
        List<UsageAllocation> allocations = allocate(state, command.entries(), unitsAfter);
        UsageStanding standing = isUsageStopped(state, command.at())
                ? UsageStanding.STOPPED
                : state.usageStandingAt(command.at(), unitsAfter);
        changes.record(new UsageRecorded(state.projectId(), command.deviceId(), command.batchId(), fingerprint,
                allocations, command.units(), standing.state(), standing.unitsRemaining(), command.at(),
                refreshedActivity(state, command)));
        return changes.answer(new UsageAnswer(command.batchId(), false, standing.state(), command.units(),
                standing.unitsRemaining()));
    }

    /**
     * Counts each entry against the usage items serving at its own time (U4), soonest-ending first: first within
     * their quotas, then what is left on the soonest-ending one, past quota if need be, since usage is a fact (U3).
     */
    private static List<UsageAllocation> allocate(ProjectState state, List<ReportUsage.Entry> entries,
                                                  Map<ItemId, Long> unitsAfter) {
        List<UsageAllocation> allocations = new ArrayList<>();
        for (ReportUsage.Entry entry : entries) {
            List<LicenseItem> candidates = state.servingItemsAt(entry.at(), LicenseType.PER_USAGE);
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
    private static Instant refreshedActivity(ProjectState state, ReportUsage command) {
        Instant at = command.at();
        Registration registration = state.registration(command.deviceId());
        if (registration == null || registration.type() != LicenseType.PER_DEVICE || !registration.isLiveAt(at)) {
            return null;
        }
        LicenseItem item = state.item(registration.itemId());
        if (!item.isValidAt(at)) {
            return null;
        }
        return item.cappedAtEnd(at.plus(item.activeWindow().duration()));
    }

    private static void assertNoEntryAheadOfServer(ReportUsage command) {
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
    private static void assertNoEntryBeforeOldestUsage(ProjectState state, ReportUsage command) {
        Instant oldest = oldestUsageAt(state, command.at());
        for (int i = 0; i < command.entries().size(); i++) {
            if (command.entries().get(i).at().isBefore(oldest)) {
                throw new LedgerException(ErrorCode.VALIDATION_FAILED, "entries[" + i + "].at is before " + oldest
                        + ", the oldest time this project takes usage for (a day before its earliest term)");
            }
        }
    }

    private static Instant oldestUsageAt(ProjectState state, Instant now) {
        Instant earliestTerm = state.items().values().stream().map(LicenseItem::validFrom)
                .filter(validFrom -> validFrom.isBefore(now)).min(Comparator.naturalOrder()).orElse(now);
        // Items recorded before terms were bounded at import may start at any instant Instant can hold.
        Instant floor = earliestTerm.isBefore(LicenseItem.EARLIEST_TIME) ? LicenseItem.EARLIEST_TIME : earliestTerm;
        return floor.minus(LAGGING_CLOCK_MARGIN);
    }

    /** The project, or every usage item valid now, is suspended or revoked: usage is recorded, the SDK must stop. */
    private static boolean isUsageStopped(ProjectState state, Instant at) {
        if (state.status() != LicenseStatus.ACTIVE) {
            return true;
        }
        boolean anyUsageItemValid = state.items().values().stream()
                .anyMatch(item -> item.type() == LicenseType.PER_USAGE && item.isValidAt(at));
        return anyUsageItemValid && state.servingItemsAt(at, LicenseType.PER_USAGE).isEmpty();
    }
}
