package io.licenseledger.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What Linux says about a process and the machine: resident memory from /proc/&lt;pid&gt;/status, CPU time. */
final class ProcessMetrics {

    /** Peak (VmHWM) and current (VmRSS) resident set size in MiB. */
    record Memory(double peakMb, double currentMb) {
    }

    private ProcessMetrics() {
    }

    static Memory memory(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            return new Memory(kilobytes(lines, "VmHWM:") / 1024.0, kilobytes(lines, "VmRSS:") / 1024.0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status (Linux only)", e);
        }
    }

    static long kilobytes(List<String> statusLines, String field) {
        for (String line : statusLines) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException(field + " missing from /proc status");
    }

    static Optional<Duration> cpuTime(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration());
    }

    /** Jiffies the whole machine spent busy and in total since boot (first line of /proc/stat). */
    record MachineTicks(long busy, long total) {

        static MachineTicks now() {
            try {
                String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
                return parse(cpu);
            } catch (IOException e) {
                return new MachineTicks(0, 0);
            }
        }

        static MachineTicks parse(String cpuLine) {
            String[] fields = cpuLine.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new MachineTicks(total - idle, total);
        }
    }

    /**
     * CPU used during one window, in cores (1.0 = one core busy all the time): the machine, each named process, and
     * what no named process accounts for ("other": other programs on the machine, the kernel).
     */
    static final class CpuWindow implements Load.Window {

        private final Map<String, Long> pids;
        private final Map<String, Duration> startCpu = new LinkedHashMap<>();
        private final MachineTicks startTicks = MachineTicks.now();
        private final long startNanos = System.nanoTime();

        CpuWindow(Map<String, Long> pids) {
            this.pids = new LinkedHashMap<>(pids);
            pids.forEach((name, pid) -> cpuTime(pid).ifPresent(cpu -> startCpu.put(name, cpu)));
        }

        @Override
        public Map<String, Double> end() {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            MachineTicks endTicks = MachineTicks.now();
            int cores = Runtime.getRuntime().availableProcessors();
            Map<String, Double> cores_ = new LinkedHashMap<>();
            double machine = endTicks.total() == startTicks.total() ? 0
                    : cores * (double) (endTicks.busy() - startTicks.busy()) / (endTicks.total() - startTicks.total());
            double named = 0;
            for (Map.Entry<String, Long> entry : pids.entrySet()) {
                Duration before = startCpu.get(entry.getKey());
                Optional<Duration> after = cpuTime(entry.getValue());
                if (before != null && after.isPresent() && seconds > 0) {
                    double used = (after.get().toNanos() - before.toNanos()) / 1e9 / seconds;
                    cores_.put(entry.getKey(), round(used));
                    named += used;
                }
            }
            cores_.put("other", round(Math.max(0, machine - named)));
            cores_.put("machine", round(machine));
            return cores_;
        }

        private static double round(double value) {
            return Math.round(value * 100) / 100.0;
        }
    }
}
