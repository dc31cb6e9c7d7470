package io.licenseledger.events.project;

import io.licenseledger.events.Feature;
import io.licenseledger.events.ItemId;

import java.time.Instant;

/**
 * Units of one reported entry, counted against the item that was valid at the entry's own time (rule U4). An entry
 * may be split over several items; {@code itemId} is null when no usage item was valid at {@code at}: the usage is
 * still a fact and is kept.
 */
public record UsageAllocation(Instant at, long units, Feature feature, ItemId itemId) {
}
