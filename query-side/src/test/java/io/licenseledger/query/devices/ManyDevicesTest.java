package io.licenseledger.query.devices;

import io.licenseledger.events.ProjectId;
import io.licenseledger.query.Paging;
import io.licenseledger.query.ReadModelDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's device pages over a project of 100,000 active devices (H2, in memory): every sort, both directions,
 * the first and the last page, and a search by id and by name answer from SQL, 25 rows a page. The times are printed;
 * the bound asserted is loose (this machine is shared), what it catches is a page that reads every row into memory.
 */
class ManyDevicesTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final ProjectId PROJECT = new ProjectId("big");
    private static final int DEVICES = 100_000;

    @Test
    void pagesSortsAndSearchesOf100000DevicesAnswerQuickly() {
        JdbcTemplate jdbc = ReadModelDatabase.migrated();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            Timestamp seen = Timestamp.from(NOW.minusSeconds(i));
            rows.add(new Object[]{PROJECT.value(), "device-" + i, "Laptop " + i, seen, seen,
                    Timestamp.from(NOW.plus(Duration.ofDays(30)).minusSeconds(i))});
        }
        jdbc.batchUpdate("INSERT INTO qry_device (project_id, device_id, device_name, license_type, item_id,"
                + " first_seen_at, last_activity_at, registered_until, overage) VALUES (?, ?, ?, 'PER_DEVICE', 'seats',"
                + " ?, ?, ?, FALSE)", rows);
        DeviceQueries queries = new DeviceQueries(new DeviceTable(jdbc), Clock.fixed(NOW, ZoneOffset.UTC));
        int lastPage = DEVICES / 25 - 1;

        Map<String, Long> millis = new LinkedHashMap<>();
        for (String sort : List.of("lastActivityAt,desc", "lastActivityAt,asc", "deviceId,asc", "deviceId,desc",
                "firstSeenAt,asc", "registeredUntil,desc")) {
            for (int page : new int[]{0, lastPage}) {
                long started = System.nanoTime();
                ActiveDevices answer = queries.handle(new FindActiveDevices(PROJECT, new Paging(page, 25),
                        DeviceSort.parse(sort), null, null));
                millis.put(sort + " page " + page, (System.nanoTime() - started) / 1_000_000);
                assertThat(answer.total()).isEqualTo(DEVICES);
                assertThat(answer.devices()).hasSize(25);
            }
        }
        for (String search : List.of("device-99999", "laptop 4242")) {
            long started = System.nanoTime();
            ActiveDevices found = queries.handle(new FindActiveDevices(PROJECT, new Paging(0, 25),
                    DeviceSort.parse("deviceId,asc"), null, search));
            millis.put("search " + search, (System.nanoTime() - started) / 1_000_000);
            assertThat(found.devices()).extracting(ActiveDevices.Device::deviceId)
                    .contains(search.startsWith("device") ? "device-99999" : "device-4242");
        }

        System.out.println("100,000 devices, ms per page: " + millis);
        assertThat(millis.values()).allSatisfy(time -> assertThat(time).isLessThan(3_000));
    }
}
