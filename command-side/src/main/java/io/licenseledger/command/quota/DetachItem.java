package io.licenseledger.command.quota;

import io.licenseledger.events.ItemId;
import io.licenseledger.events.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Take an item off the project (SPEC section 6); {@code at} is the server time of the request. */
public record DetachItem(@TargetAggregateIdentifier ProjectId projectId, ItemId itemId, Instant at) {
}
