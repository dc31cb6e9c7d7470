package io.licenseledger.query.console;

import io.licenseledger.events.ProjectId;
import io.licenseledger.query.Paging;
import io.licenseledger.query.alerts.FindAlerts;
import io.licenseledger.query.alerts.ProjectAlerts;
import io.licenseledger.query.projects.FindProjects;
import io.licenseledger.query.projects.ProjectListing;
import io.licenseledger.query.projects.ProjectPage;
import io.licenseledger.query.quota.FindItems;
import io.licenseledger.query.quota.FindQuota;
import io.licenseledger.query.quota.ItemStatus;
import io.licenseledger.query.quota.TypeQuota;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The overview's figures of each project, asked of the read models' own queries (quota, items, alerts), so that the
 * console counts exactly as the API does. An alert is open while the term it was raised for still serves: one of
 * the items of its term (its {@code termKey}, the item ids joined by {@code +}) is valid and active now.
 */
@Component
record ProjectFigures(QueryGateway queries) {

    private static final Set<String> SEAT_TYPES = Set.of("PER_DEVICE", "CONCURRENT_DEVICE");

    /** Used against quota; {@code allowance} is the overage allowed past it, null when unlimited. */
    record Use(long used, long quota, Long allowance) {

        static final Use NONE = new Use(0, 0, 0L);

        public boolean present() {
            return quota > 0;
        }

        public boolean unlimited() {
            return allowance == null;
        }

        /** The hard stop the bar is drawn against: quota plus allowance (quota alone when unlimited). */
        public long scale() {
            return Math.max(1, unlimited() ? Math.max(quota, used) : quota + allowance);
        }

        public long usedPercent() {
            return Math.min(100, used * 100 / scale());
        }

        public long quotaPercent() {
            return Math.min(100, quota * 100 / scale());
        }

        public boolean over() {
            return used > quota;
        }

        Use plus(TypeQuota type) {
            Long summed = allowance == null || type.allowance() == null ? null : allowance + type.allowance();
            return new Use(used + type.used(), quota + type.quota(), summed);
        }
    }

    record Row(String projectId, String name, String status, List<String> types, Use seats, Use units,
               Long daysToExpiry, int openAlerts) {

        public String typesText() {
            return String.join(", ", types);
        }
    }

    List<Row> all() {
        List<Row> rows = new ArrayList<>();
        for (int page = 0; ; page++) {
            ProjectPage listed = queries.query(new FindProjects(new Paging(page, Paging.MAX_SIZE)),
                    ResponseTypes.instanceOf(ProjectPage.class)).join();
            listed.projects().forEach(project -> rows.add(row(project)));
            if ((long) (page + 1) * Paging.MAX_SIZE >= listed.total() || listed.projects().isEmpty()) {
                return rows;
            }
        }
    }

    private Row row(ProjectListing project) {
        ProjectId id = new ProjectId(project.projectId());
        List<TypeQuota> quota = queries.query(new FindQuota(id), ResponseTypes.multipleInstancesOf(TypeQuota.class))
                .join();
        List<ItemStatus> items = queries.query(new FindItems(id), ResponseTypes.multipleInstancesOf(ItemStatus.class))
                .join();
        ProjectAlerts alerts = queries.query(new FindAlerts(id, new Paging(0, Paging.MAX_SIZE)),
                ResponseTypes.instanceOf(ProjectAlerts.class)).join();
        Use seats = Use.NONE;
        Use units = Use.NONE;
        for (TypeQuota type : quota) {
            if (SEAT_TYPES.contains(type.type())) {
                seats = seats.plus(type);
            } else {
                units = units.plus(type);
            }
        }
        List<ItemStatus> serving = items.stream()
                .filter(item -> item.status() == ItemStatus.Term.ACTIVE && item.lifecycle().equals("ACTIVE"))
                .toList();
        Set<String> servingIds = serving.stream().map(ItemStatus::itemId).collect(Collectors.toSet());
        Long daysToExpiry = serving.stream().map(ItemStatus::daysToExpiry).min(Long::compare).orElse(null);
        int openAlerts = (int) alerts.alerts().stream()
                .filter(alert -> alert.termKey() != null
                        && Arrays.stream(alert.termKey().split("\\+")).anyMatch(servingIds::contains))
                .count();
        List<String> types = items.stream().map(ItemStatus::type).distinct().sorted().toList();
        return new Row(project.projectId(), project.name(), project.status(), types, seats, units, daysToExpiry,
                openAlerts);
    }
}
