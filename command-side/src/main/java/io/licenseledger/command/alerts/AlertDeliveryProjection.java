package io.licenseledger.command.alerts;

import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.events.project.AlertRecipientsChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Turns alerts into deliveries (rule N2). A tracking processor, so an alert raised while this instance is down is
 * still delivered; the rows it writes commit with its token, and a redelivered event finds its rows there already.
 */
@Component
@ProcessingGroup(AlertDeliveryProjection.PROCESSING_GROUP)
record AlertDeliveryProjection(RecipientTable recipients, DeliveryTable deliveries) {

    static final String PROCESSING_GROUP = "alert-delivery";

    @EventHandler
    void on(AlertRecipientsChanged event) {
        recipients.replace(event.projectId(), event.webhookUrls(), event.emailAddresses());
    }

    /** An alert goes to whoever the recipients were when it was raised; later changes do not reach back. */
    @EventHandler
    void on(AlertRaised event) {
        for (RecipientTable.Recipient recipient : recipients.of(event.projectId())) {
            deliveries.addIfAbsent(event, recipient.channel(), recipient.target());
        }
    }

    /** Only the recipients are rebuilt on a replay; deliveries and their history are kept, and their keys stop repeats. */
    @ResetHandler
    void reset() {
        recipients.clear();
    }
}
