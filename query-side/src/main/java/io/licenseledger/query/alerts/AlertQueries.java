package io.licenseledger.query.alerts;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

@Component
record AlertQueries(AlertTable table) {

    @QueryHandler
    ProjectAlerts handle(FindAlerts query) {
        return new ProjectAlerts(query.projectId().value(), query.paging().page(), query.paging().size(),
                table.count(query.projectId()), table.page(query.projectId(), query.paging()));
    }
}
