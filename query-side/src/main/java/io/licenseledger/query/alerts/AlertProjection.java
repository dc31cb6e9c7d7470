package io.licenseledger.query.alerts;

import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.query.ProjectionConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Lists the alerts of rule N1 as the ledger records them; an alert is kept once per alertId. */
@Component
@ProcessingGroup(ProjectionConfiguration.PROCESSING_GROUP)
record AlertProjection(AlertTable table) {

    @EventHandler
    void on(AlertRaised event) {
        table.raised(event);
    }
}
