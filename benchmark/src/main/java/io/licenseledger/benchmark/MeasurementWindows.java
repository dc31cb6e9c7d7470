package io.licenseledger.benchmark;

import io.licenseledger.launcher.ServiceProcess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The scenarios' measurement windows: CPU per process, and a JFR profile of the chosen services when profiling
 * ({@code --profile}, with jcmd at hand). Keeps the profiles for the report.
 */
final class MeasurementWindows {

    private final Cluster cluster;
    private final Profiler profiler;
    private final boolean profile;
    private final List<Profiler.Profile> profiles = new ArrayList<>();

    MeasurementWindows(Cluster cluster, Profiler profiler, boolean profile) {
        this.cluster = cluster;
        this.profiler = profiler;
        this.profile = profile;
    }

    Supplier<Load.Window> window(String scenario, boolean profileCommand, boolean profileQuery) {
        return () -> {
            Map<String, Long> pids = new LinkedHashMap<>();
            if (cluster.commandSide != null && cluster.commandSide.isAlive()) {
                pids.put("command-side", cluster.commandSide.pid());
            }
            if (cluster.querySide != null && cluster.querySide.isAlive()) {
                pids.put("query-side", cluster.querySide.pid());
            }
            pids.put("client", ProcessHandle.current().pid());
            ProcessMetrics.CpuWindow cpu = new ProcessMetrics.CpuWindow(pids);
            List<ServiceProcess> profiled = new ArrayList<>();
            if (profiling() && profileCommand) {
                profiled.add(cluster.commandSide);
            }
            if (profiling() && profileQuery) {
                profiled.add(cluster.querySide);
                profiled.add(cluster.commandSide);
            }
            Map<ServiceProcess, String> recordings = new LinkedHashMap<>();
            profiled.forEach(service -> recordings.put(service, profiler.start(service, scenario)));
            return () -> {
                Map<String, Double> cores = cpu.end();
                recordings.forEach((service, recording) -> profiles.add(profiler.stop(service, recording, scenario)));
                return cores;
            };
        };
    }

    /** The profiler when profiling, else null. */
    Profiler profilerWhenProfiling() {
        return profiling() ? profiler : null;
    }

    void keep(Profiler.Profile profile) {
        profiles.add(profile);
    }

    List<Profiler.Profile> profiles() {
        return profiles;
    }

    private boolean profiling() {
        return profile && profiler.available();
    }
}
