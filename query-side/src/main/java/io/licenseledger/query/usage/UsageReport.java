package io.licenseledger.query.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Units per bucket, every bucket of the range listed (0 where nothing was used), by each entry's own time;
 * {@code byFeature} sums the range per feature, {@code feature} null for entries that named none, in the same order
 * as {@code featureBuckets}, which splits {@code buckets} by feature (one figure per bucket, in the buckets' order).
 */
public record UsageReport(String projectId, String granularity, LocalDate from, LocalDate to, long totalUnits,
                          List<Bucket> buckets, List<FeatureUnits> byFeature, List<FeatureBuckets> featureBuckets) {

    public record Bucket(Instant start, long units) {
    }

    public record FeatureUnits(String feature, long units) {
    }

    public record FeatureBuckets(String feature, List<Long> units) {
    }
}
