package io.licenseledger.events.project;

import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseType;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An alert was raised (rule N1): once per project, kind, threshold and term. {@code alertId} is derived from those,
 * so receivers can deduplicate; {@code termKey} names the items whose term it is about; {@code licenseType} is null
 * for expiry alerts. {@code used} and {@code limit} are the figures at the time (units, seats, or days left).
 */
@Revision("1")
public record AlertRaised(ProjectId projectId, String alertId, AlertKind kind, LicenseType licenseType, int threshold,
                          String termKey, long used, long limit, Instant raisedAt) implements ProjectEvent {
}
