package io.licenseledger.query.devices;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

@Component
record DeviceQueries(DeviceTable table, Clock clock) {

    @QueryHandler
    ActiveDevices handle(FindActiveDevices query) {
        Instant now = clock.instant();
        return new ActiveDevices(query.projectId().value(), query.paging().page(), query.paging().size(),
                table.countActive(query.projectId(), now, query.type(), query.search()),
                table.active(query.projectId(), now, query.type(), query.search(), query.sort(), query.paging()));
    }

    @QueryHandler
    UnregisteredDevices handle(FindUnregisteredDevices query) {
        return new UnregisteredDevices(query.projectId().value(), query.paging().page(), query.paging().size(),
                table.countUnregistrations(query.projectId()),
                table.unregistrations(query.projectId(), query.paging()));
    }
}
