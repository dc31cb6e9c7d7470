package io.licenseledger.benchmark;

import io.licenseledger.events.licensing.LicenseItem;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the set-up creates before the scenarios: one license with an item for each project, the projects each
 * scenario drives, and the devices the hot path and the usage reports expect registered.
 */
record ScenarioProjects(List<Cluster.Project> hot, Cluster.Project contention, List<Cluster.Project> usage,
                        List<Cluster.Project> lag, Cluster.Project lagProbe, List<Cluster.Project> rss,
                        Cluster.Project crash) {

    static final int USAGE_DEVICES_PER_PROJECT = 8;

    static ScenarioProjects create(Cluster cluster, Plan plan) throws Exception {
        Console.step("setting up: one license, " + (plan.hotProjects() + 1 + plan.usageProjects() + plan.lagProjects()
                + 1 + rssProjectCount(plan) + 1) + " projects, " + plan.hotProjects() * plan.devicesPerProject()
                + " registered devices");
        List<LicenseItem> items = new ArrayList<>();
        long seats = 1_000_000;
        for (int i = 0; i < plan.hotProjects(); i++) {
            items.add(Cluster.seats("hot-" + i, seats));
        }
        items.add(Cluster.seats("contention", seats));
        for (int i = 0; i < plan.usageProjects(); i++) {
            items.add(Cluster.units("usage-" + i, 1_000_000_000_000L));
        }
        for (int i = 0; i < plan.lagProjects(); i++) {
            items.add(Cluster.seats("lag-" + i, seats));
        }
        items.add(Cluster.seats("lag-probe", seats));
        for (int i = 0; i < rssProjectCount(plan); i++) {
            items.add(Cluster.seats("rss-" + i, seats));
        }
        items.add(Cluster.seats("crash", seats));
        cluster.importLicense("BENCH-" + System.currentTimeMillis(), items);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Cluster.Project> hot = createProjects(cluster, pool, "hot", plan.hotProjects());
            List<Cluster.Project> usage = createProjects(cluster, pool, "usage", plan.usageProjects());
            List<Cluster.Project> lag = createProjects(cluster, pool, "lag", plan.lagProjects());
            List<Cluster.Project> rss = createProjects(cluster, pool, "rss", rssProjectCount(plan));
            Cluster.Project contention = cluster.createProject("contention", "contention");
            Cluster.Project lagProbe = cluster.createProject("lag-probe", "lag-probe");
            Cluster.Project crash = cluster.createProject("crash", "crash");

            List<Future<?>> registrations = new ArrayList<>();
            for (Cluster.Project project : hot) {
                registrations.add(pool.submit(() -> {
                    for (int d = 0; d < plan.devicesPerProject(); d++) {
                        cluster.authorize(project, "hot-device-" + d).expect(200, "registration");
                    }
                    return null;
                }));
            }
            for (Cluster.Project project : usage) {
                registrations.add(pool.submit(() -> {
                    for (int d = 0; d < USAGE_DEVICES_PER_PROJECT; d++) {
                        cluster.authorize(project, "usage-device-" + d).expect(200, "usage device registration");
                    }
                    return null;
                }));
            }
            for (Future<?> registration : registrations) {
                registration.get();
            }
            return new ScenarioProjects(hot, contention, usage, lag, lagProbe, rss, crash);
        } finally {
            pool.shutdown();
        }
    }

    private static int rssProjectCount(Plan plan) {
        return plan.name().equals("quick") ? 8 : 32;
    }

    private static List<Cluster.Project> createProjects(Cluster cluster, ExecutorService pool, String prefix,
                                                        int count) throws Exception {
        List<Future<Cluster.Project>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String item = prefix + "-" + i;
            futures.add(pool.submit(() -> cluster.createProject(item, item)));
        }
        List<Cluster.Project> projects = new ArrayList<>();
        for (Future<Cluster.Project> future : futures) {
            projects.add(future.get());
        }
        return projects;
    }
}
