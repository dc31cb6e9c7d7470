package io.licenseledger.query.alerts;

import io.licenseledger.events.project.AlertRaised;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** Lists the alerts of rule N1 as the ledger records them; an alert is kept once per alertId. */
@Component
@ProcessingGroup(AlertProjection.PROCESSING_GROUP)
class AlertProjection {

    static final String PROCESSING_GROUP = "query-alerts";

    private final AlertTable table;

    AlertProjection(AlertTable table) {
        this.table = table;
    }

    @EventHandler
    void on(AlertRaised event) {
        table.raised(event);
    }

    @ResetHandler
    void reset() {
        table.clear();
    }
}
