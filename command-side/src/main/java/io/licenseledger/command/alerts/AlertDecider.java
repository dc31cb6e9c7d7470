package io.licenseledger.command.alerts;

import io.licenseledger.command.state.Changes;
import io.licenseledger.command.state.Decision;
import io.licenseledger.command.state.ProjectState;
import io.licenseledger.events.Counts;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.AlertKind;
import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.events.project.AlertRecipientsChanged;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.events.project.ProjectEvent;
import io.licenseledger.events.project.UsageRecorded;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The alerts a project raises (rule N1), each once per project, kind, threshold and term, and where they go (N2).
 */
public final class AlertDecider {

    static final List<Integer> QUOTA_THRESHOLDS = List.of(60, 80, 100);
    /** Days before the last valid item ends, tightest first. */
    static final List<Integer> EXPIRY_THRESHOLDS = List.of(1, 7, 30);

    private AlertDecider() {
    }

    /**
     * The decision followed by the quota alerts its events call for: a new registration on a seat type, or usage
     * recorded, checks the quota of that type.
     */
    public static <A> Decision<A> withQuotaAlerts(Decision<A> decision) {
        Changes changes = new Changes(decision.after());
        for (ProjectEvent event : decision.events()) {
            if (event instanceof DeviceAuthorized authorized && authorized.newRegistration()
                    && authorized.licenseType() != LicenseType.PER_USAGE) {
                raiseQuotaAlerts(changes, authorized.licenseType(), authorized.authorizedAt());
            } else if (event instanceof UsageRecorded recorded) {
                raiseQuotaAlerts(changes, LicenseType.PER_USAGE, recorded.recordedAt());
            }
        }
        return decision.followedBy(changes);
    }

    public static Decision<Void> decide(ProjectState state, SetAlertRecipients command) {
        Changes changes = new Changes(state);
        if (!state.webhookUrls().equals(command.webhookUrls())
                || !state.emailAddresses().equals(command.emailAddresses())) {
            changes.record(new AlertRecipientsChanged(state.projectId(), command.webhookUrls(),
                    command.emailAddresses()));
        }
        return changes.answer(null);
    }

    /**
     * Raises the expiry alert now due: the tightest of 30, 7 and 1 days before the project's last valid item ends;
     * a looser one that was skipped is never raised afterwards, since time only moves forward.
     */
    public static Decision<Void> decide(ProjectState state, CheckExpiryAlerts command) {
        Changes changes = new Changes(state);
        Instant at = command.at();
        lastItemOfUnbrokenCoverage(state, at).ifPresent(last -> {
            long daysLeft = (long) Math.ceil(Duration.between(at, last.validUntil()).toSeconds() / 86_400.0);
            EXPIRY_THRESHOLDS.stream()
                    .filter(days -> !at.isBefore(last.validUntil().minus(days, ChronoUnit.DAYS)))
                    .findFirst()
                    .ifPresent(days -> raise(changes, AlertKind.EXPIRY_NEAR, null, days, last.itemId().value(),
                            daysLeft, days, at));
        });
        return changes.answer(null);
    }

    /**
     * The active item whose end ends the project's coverage from now on: items serving now, extended by attached
     * items (renewals) that start before the coverage runs out.
     */
    private static Optional<LicenseItem> lastItemOfUnbrokenCoverage(ProjectState state, Instant at) {
        Optional<LicenseItem> last = state.servingItemsAt(at).stream()
                .max(Comparator.comparing(LicenseItem::validUntil));
        while (last.isPresent()) {
            Instant end = last.get().validUntil();
            Optional<LicenseItem> extension = state.items().values().stream()
                    .filter(item -> state.itemStatus().get(item.itemId()) == LicenseStatus.ACTIVE)
                    .filter(item -> !item.validFrom().isAfter(end) && item.validUntil().isAfter(end))
                    .max(Comparator.comparing(LicenseItem::validUntil));
            if (extension.isEmpty()) {
                return last;
            }
            last = extension;
        }
        return last;
    }

    /** 60, 80 and 100 % of quota, entering overage, the hard stop, of one type over the items serving now. */
    private static void raiseQuotaAlerts(Changes changes, LicenseType type, Instant at) {
        ProjectState state = changes.state();
        List<LicenseItem> serving = state.servingItemsAt(at, type);
        if (serving.isEmpty()) {
            return;
        }
        long quota = serving.stream().mapToLong(LicenseItem::quantity).reduce(0, Counts::add);
        long hardLimit = serving.stream().mapToLong(LicenseItem::hardLimit).reduce(0, Counts::add);
        long used = serving.stream().mapToLong(item -> type == LicenseType.PER_USAGE
                ? state.unitsUsedOn(item.itemId()) : state.seatsTakenOn(item)).reduce(0, Counts::add);
        String term = serving.stream().map(item -> item.itemId().value()).sorted().collect(Collectors.joining("+"));
        for (int threshold : QUOTA_THRESHOLDS) {
            if (Counts.reachesPercent(used, threshold, quota)) {
                raise(changes, AlertKind.QUOTA_THRESHOLD, type, threshold, term, used, quota, at);
            }
        }
        if (used > quota && hardLimit > quota) {
            raise(changes, AlertKind.OVERAGE_ENTERED, type, 0, term, used, quota, at);
        }
        if (hardLimit != Long.MAX_VALUE && used >= hardLimit) {
            raise(changes, AlertKind.HARD_STOP, type, 0, term, used, hardLimit, at);
        }
    }

    private static void raise(Changes changes, AlertKind kind, LicenseType type, int threshold, String term, long used,
                              long limit, Instant at) {
        String alertId = kind + ":" + (type == null ? "ALL" : type) + ":" + threshold + ":" + term;
        if (!changes.state().hasRaised(alertId)) {
            changes.record(new AlertRaised(changes.state().projectId(), alertId, kind, type, threshold, term, used,
                    limit, at));
        }
    }
}
