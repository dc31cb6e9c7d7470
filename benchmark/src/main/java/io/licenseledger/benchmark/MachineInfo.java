package io.licenseledger.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine the figures were measured on. */
final class MachineInfo {

    private MachineInfo() {
    }

    static Map<String, Object> describe() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("cpuModel", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        String memTotal = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        machine.put("memoryMb", memTotal == null ? null : Long.parseLong(memTotal.split("\\s+")[0]) / 1024);
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        machine.put("javaHome", System.getProperty("java.home"));
        machine.put("loadAverageAtStart", loadAverage());
        return machine;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return null;
        }
    }

    static String summary(Map<String, Object> machine) {
        return machine.get("cpus") + " CPUs (" + machine.get("cpuModel") + "), " + machine.get("memoryMb")
                + " MB RAM, " + machine.get("os") + ", " + machine.get("java") + ", load average at start "
                + machine.get("loadAverageAtStart");
    }

    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux: leave it out
        }
        return null;
    }
}
