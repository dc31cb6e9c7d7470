package io.licenseledger.command.alerts;

import io.licenseledger.events.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Where the project's alerts are delivered (rule N2); already validated URLs and addresses. */
public record SetAlertRecipients(@TargetAggregateIdentifier ProjectId projectId, List<String> webhookUrls,
                                 List<String> emailAddresses) {

    public SetAlertRecipients {
        webhookUrls = List.copyOf(webhookUrls);
        emailAddresses = List.copyOf(emailAddresses);
    }
}
