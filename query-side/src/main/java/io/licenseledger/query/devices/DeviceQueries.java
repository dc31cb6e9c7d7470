package io.licenseledger.query.devices;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

@Component
class DeviceQueries {

    private final DeviceTable table;
    private final Clock clock;

    DeviceQueries(DeviceTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @QueryHandler
    ActiveDevices handle(FindActiveDevices query) {
        Instant now = clock.instant();
        return new ActiveDevices(query.projectId().value(), query.paging().page(), query.paging().size(),
                table.countActive(query.projectId(), now),
                table.active(query.projectId(), now, query.sort(), query.paging()));
    }
}
