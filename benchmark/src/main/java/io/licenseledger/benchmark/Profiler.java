package io.licenseledger.benchmark;

import io.licenseledger.launcher.ServiceProcess;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * JFR profiles of a service during one scenario: {@code jcmd <pid> JFR.start} before, {@code JFR.dump} after, then
 * the execution samples summed up by the method on top of the stack (self time), by the first frame of the
 * application, and by component (a sample counts once for every component on its stack), and the time threads spent
 * parked, by what they waited in.
 */
final class Profiler {

    record Share(String name, double percent) {
    }

    record Profile(String service, String scenario, Path file, long samples, List<Share> selfTime,
                   List<Share> applicationFrames, List<Share> components, List<Share> threads,
                   List<Share> parkedSeconds) {

        String text() {
            StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "%n== Profile of %s during \"%s\" (%,d samples, %s)%n", service,
                    scenario, samples, file));
            section(text, "components (inclusive, % of samples)", components, "%");
            section(text, "threads (% of samples)", threads, "%");
            section(text, "hot methods (self, % of samples)", selfTime, "%");
            section(text, "first application frame (% of samples)", applicationFrames, "%");
            section(text, "parked (seconds, summed over threads, by where)", parkedSeconds, " s");
            return text.toString();
        }

        private static void section(StringBuilder text, String title, List<Share> shares, String unit) {
            text.append("  ").append(title).append(':').append(System.lineSeparator());
            for (Share share : shares) {
                text.append(String.format(Locale.ROOT, "    %7.1f%s  %s%n", share.percent(), unit, share.name()));
            }
        }
    }

    /** Components of the services, matched on the class of each frame. */
    private static final Map<String, List<String>> COMPONENTS = componentRules();

    private final Path directory;
    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    Profiler(Path directory) {
        this.directory = directory;
    }

    boolean available() {
        return Files.isExecutable(jcmd);
    }

    /** The recording {@link #fromStart()} starts with the JVM. */
    static final String START_UP = "start-up";

    /** JVM flags that record a service from its first instruction, to profile its start-up. */
    static List<String> fromStart() {
        return List.of("-XX:StartFlightRecording:name=" + START_UP + ",settings=profile");
    }

    /** Starts a recording; answers its name for {@link #stop}. */
    String start(ServiceProcess service, String scenario) {
        String name = (service.name() + "-" + scenario).replaceAll("[^A-Za-z0-9-]", "-");
        jcmd(service.pid(), "JFR.start", "name=" + name, "settings=profile");
        return name;
    }

    Profile stop(ServiceProcess service, String recording, String scenario) {
        Path file = directory.resolve(recording + ".jfr");
        jcmd(service.pid(), "JFR.dump", "name=" + recording, "filename=" + file);
        jcmd(service.pid(), "JFR.stop", "name=" + recording);
        return summarize(service.name(), scenario, file);
    }

    static Profile summarize(String service, String scenario, Path file) {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> application = new HashMap<>();
        Map<String, Long> components = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> parkedNanos = new HashMap<>();
        long samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null) {
                    continue;
                }
                List<RecordedFrame> frames = stack.getFrames();
                if (type.equals("jdk.ExecutionSample")) {
                    samples++;
                    if (!frames.isEmpty()) {
                        self.merge(method(frames.get(0)), 1L, Long::sum);
                    }
                    frames.stream().filter(f -> typeName(f).startsWith("io.licenseledger.")).findFirst()
                            .ifPresent(f -> application.merge(method(f), 1L, Long::sum));
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame frame : frames) {
                        String component = componentOf(typeName(frame) + "." + frame.getMethod().getName());
                        if (component != null && seen.add(component)) {
                            components.merge(component, 1L, Long::sum);
                        }
                    }
                    String thread = event.getThread("sampledThread") == null ? "?"
                            : event.getThread("sampledThread").getJavaName();
                    threads.merge(thread == null ? "?" : thread.replaceAll("\\d+", "N"), 1L, Long::sum);
                } else if (type.equals("jdk.ThreadPark") || type.equals("jdk.JavaMonitorEnter")) {
                    parkedNanos.merge(blockedAt(frames), event.getDuration().toNanos(), Long::sum);
                }
            }
        } catch (IOException e) {
            return new Profile(service, scenario, file, 0, List.of(new Share("unreadable: " + e.getMessage(), 0)),
                    List.of(), List.of(), List.of(), List.of());
        }
        double total = Math.max(1, samples);
        return new Profile(service, scenario, file, samples, top(self, total, 20), top(application, total, 12),
                top(components, total, 20), top(threads, total, 8), topSeconds(parkedNanos, 8));
    }

    /** The first frame outside the JDK's locks and queues: where a thread was waiting. */
    private static String blockedAt(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String name = typeName(frame);
            if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
                return method(frame);
            }
        }
        return frames.isEmpty() ? "?" : method(frames.get(0));
    }

    private static String componentOf(String frame) {
        for (Map.Entry<String, List<String>> rule : COMPONENTS.entrySet()) {
            for (String prefix : rule.getValue()) {
                if (frame.startsWith(prefix)) {
                    return rule.getKey();
                }
            }
        }
        return null;
    }

    private static Map<String, List<String>> componentRules() {
        Map<String, List<String>> rules = new LinkedHashMap<>();
        rules.put("H2: commit (MVStore store/write)", List.of("org.h2.mvstore.MVStore.commit",
                "org.h2.mvstore.MVStore.store", "org.h2.mvstore.MVStore.tryCommit", "org.h2.mvstore.FileStore.store"));
        rules.put("H2: LOB (BLOB payload) storage", List.of("org.h2.mvstore.db.LobStorageMap", "org.h2.value.lob"));
        rules.put("H2: TCP server thread (other process's SQL)", List.of("org.h2.server.TcpServerThread"));
        rules.put("H2 (all)", List.of("org.h2."));
        rules.put("Axon: load aggregate from events", List.of(
                "org.axonframework.eventsourcing.EventSourcingRepository.doLoadWithLock",
                "org.axonframework.eventsourcing.CachingEventSourcingRepository.doLoadWithLock"));
        rules.put("Axon: read events (JDBC)", List.of(
                "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.fetch",
                "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.readEvents",
                "org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine.readEvents"));
        rules.put("Axon: append events (JDBC)", List.of(
                "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.appendEvents"));
        rules.put("Axon: event processors (streaming)", List.of("org.axonframework.eventhandling.pooled"));
        rules.put("Axon: handler timeout stack walk", List.of("org.axonframework.messaging.timeout.AxonTimeLimitedTask.start"));
        rules.put("Axon: serializer", List.of("org.axonframework.serialization"));
        rules.put("Axon (all)", List.of("org.axonframework."));
        rules.put("Spring transaction commit", List.of(
                "org.springframework.transaction.support.AbstractPlatformTransactionManager.commit"));
        rules.put("Ed25519 signing (BouncyCastle)", List.of("org.bouncycastle."));
        rules.put("JSON (Jackson)", List.of("tools.jackson.", "com.fasterxml.jackson."));
        rules.put("JDBC pool (Hikari)", List.of("com.zaxxer.hikari."));
        rules.put("HTTP (Tomcat)", List.of("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat."));
        rules.put("Spring MVC", List.of("org.springframework.web."));
        rules.put("Logging", List.of("ch.qos.logback.", "org.apache.logging."));
        rules.put("License Ledger code", List.of("io.licenseledger."));
        return rules;
    }

    private static List<Share> top(Map<String, Long> counts, double total, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .map(e -> new Share(e.getKey(), Math.round(1000.0 * e.getValue() / total) / 10.0))
                .toList();
    }

    private static List<Share> topSeconds(Map<String, Long> nanos, int limit) {
        return nanos.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .map(e -> new Share(e.getKey(), Math.round(e.getValue() / 1e7) / 100.0))
                .toList();
    }

    private static String typeName(RecordedFrame frame) {
        return frame.getMethod() == null || frame.getMethod().getType() == null ? "?"
                : frame.getMethod().getType().getName();
    }

    private static String method(RecordedFrame frame) {
        return typeName(frame) + "." + (frame.getMethod() == null ? "?" : frame.getMethod().getName());
    }

    private void jcmd(long pid, String... command) {
        output(pid, command);
    }

    /** Runs {@code jcmd <pid> <command...>} and answers what it printed. */
    String output(long pid, String... command) {
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String printed = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return printed;
        } catch (IOException e) {
            throw new IllegalStateException("jcmd failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /**
     * The committed memory of each area from {@code VM.native_memory summary} (services started with
     * {@code -XX:NativeMemoryTracking=summary}), in MiB.
     */
    static Map<String, Double> nativeMemory(String summary) {
        Map<String, Double> committed = new LinkedHashMap<>();
        java.util.regex.Matcher total = java.util.regex.Pattern
                .compile("Total: reserved=\\d+KB, committed=(\\d+)KB").matcher(summary);
        if (total.find()) {
            committed.put("Total", Long.parseLong(total.group(1)) / 1024.0);
        }
        java.util.regex.Matcher area = java.util.regex.Pattern
                .compile("-\\s+([A-Za-z][A-Za-z ]*?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)").matcher(summary);
        while (area.find()) {
            committed.put(area.group(1).trim(), Math.round(Long.parseLong(area.group(2)) / 102.4) / 10.0);
        }
        return committed;
    }
}
