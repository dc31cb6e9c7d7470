package io.licenseledger.benchmark;

import java.time.Duration;

/**
 * How much each scenario does. The full plan runs in about ten minutes on two cores; the quick plan is a smoke run of
 * about two minutes with smaller numbers (its figures are not comparable with the targets).
 *
 * @param clientThreads      client threads of the closed-loop scenarios and of the raw store baseline
 * @param hotProjects        projects the registered-device hot path spreads over (one aggregate lock each)
 * @param devicesPerProject  registered devices per hot project
 * @param lagRate            commands per second of the projection-lag scenario
 * @param lagProjects        projects the projection-lag devices spread over
 * @param rssDevices         registered devices wanted before reading the services' peak RSS
 * @param rssBudget          longest time spent registering them (the figure says how many it reached)
 * @param replayEvents       events in the ledger the replay rebuilds from
 * @param replayBudget       longest time the replay is watched; a slower replay is reported with its rate so far
 */
record Plan(String name, Duration firstWarmUp, Duration warmUp, Duration measure, Duration lagMeasure,
            Duration baselineMeasure, int clientThreads, int hotProjects, int devicesPerProject, int usageProjects,
            int usageEntries, int lagRate, int lagProjects, int rssDevices, Duration rssBudget, int replayEvents,
            Duration replayBudget, int durabilityAcks) {

    static Plan full() {
        return new Plan("full", Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(20),
                Duration.ofSeconds(25), Duration.ofSeconds(10), 16, 32, 32, 16, 100, 1_000, 16, 100_000,
                Duration.ofSeconds(75), 1_000_000, Duration.ofSeconds(75), 500);
    }

    static Plan quick() {
        return new Plan("quick", Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(6), Duration.ofSeconds(3), 16, 8, 8, 4, 100, 1_000, 8, 4_000,
                Duration.ofSeconds(15), 30_000, Duration.ofSeconds(12), 100);
    }

    Plan withRssDevices(int devices, Duration budget) {
        return new Plan(name, firstWarmUp, warmUp, measure, lagMeasure, baselineMeasure, clientThreads, hotProjects,
                devicesPerProject, usageProjects, usageEntries, lagRate, lagProjects, devices, budget, replayEvents,
                replayBudget, durabilityAcks);
    }

    Plan withReplay(int events, Duration budget) {
        return new Plan(name, firstWarmUp, warmUp, measure, lagMeasure, baselineMeasure, clientThreads, hotProjects,
                devicesPerProject, usageProjects, usageEntries, lagRate, lagProjects, rssDevices, rssBudget, events,
                budget, durabilityAcks);
    }

    Plan withClientThreads(int threads) {
        return new Plan(name, firstWarmUp, warmUp, measure, lagMeasure, baselineMeasure, threads, hotProjects,
                devicesPerProject, usageProjects, usageEntries, lagRate, lagProjects, rssDevices, rssBudget,
                replayEvents, replayBudget, durabilityAcks);
    }
}
