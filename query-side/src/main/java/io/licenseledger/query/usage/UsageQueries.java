package io.licenseledger.query.usage;

import io.licenseledger.events.Counts;
import io.licenseledger.query.usage.UsageReport.Bucket;
import io.licenseledger.query.usage.UsageReport.FeatureBuckets;
import io.licenseledger.query.usage.UsageReport.FeatureUnits;
import io.licenseledger.query.usage.UsageTable.HourUnits;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Days are summed from the stored hours here rather than kept as a second table. */
@Component
record UsageQueries(UsageTable table) {

    @QueryHandler
    UsageReport handle(FindUsage query) {
        Instant from = query.from().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant toExclusive = query.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        ChronoUnit unit = query.granularity() == Granularity.DAY ? ChronoUnit.DAYS : ChronoUnit.HOURS;

        Map<Instant, Long> perBucket = new LinkedHashMap<>();
        for (Instant start = from; start.isBefore(toExclusive); start = start.plus(query.granularity().width())) {
            perBucket.put(start, 0L);
        }
        Map<String, Long> perFeature = new TreeMap<>();
        Map<String, Map<Instant, Long>> perFeatureBucket = new TreeMap<>();
        long total = 0;
        for (HourUnits hour : table.hours(query.projectId(), from, toExclusive)) {
            Instant bucket = hour.hourStart().truncatedTo(unit);
            perBucket.merge(bucket, hour.units(), Counts::add);
            perFeature.merge(hour.feature(), hour.units(), Counts::add);
            perFeatureBucket.computeIfAbsent(hour.feature(), feature -> new LinkedHashMap<>())
                    .merge(bucket, hour.units(), Counts::add);
            total = Counts.add(total, hour.units());
        }

        List<Bucket> buckets = new ArrayList<>(perBucket.size());
        perBucket.forEach((start, units) -> buckets.add(new Bucket(start, units)));
        List<String> features = perFeature.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
        List<FeatureUnits> byFeature = features.stream()
                .map(feature -> new FeatureUnits(shown(feature), perFeature.get(feature)))
                .toList();
        List<FeatureBuckets> featureBuckets = features.stream()
                .map(feature -> new FeatureBuckets(shown(feature), perBucket.keySet().stream()
                        .map(start -> perFeatureBucket.get(feature).getOrDefault(start, 0L)).toList()))
                .toList();
        return new UsageReport(query.projectId().value(), query.granularity().text(), query.from(), query.to(), total,
                buckets, byFeature, featureBuckets);
    }

    private static String shown(String feature) {
        return feature.equals(UsageTable.NO_FEATURE) ? null : feature;
    }
}
