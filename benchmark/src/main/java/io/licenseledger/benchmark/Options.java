package io.licenseledger.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The command line. */
record Options(Plan plan, Path out, Path commandJar, Path queryJar, List<String> serviceJvm,
               List<String> serviceArguments, boolean profile, boolean keep, Path workDir, Set<String> scenarios) {

    /** The scenarios, in the order they run; start-up and set-up always run. */
    static final List<String> SCENARIOS = List.of("baseline", "hot", "contention", "usage", "lag", "memory",
            "durability", "history", "replay", "audit");

    /** What each service JVM gets unless {@code --jvm} says otherwise: the flags {@code ./ledger run} uses. */
    static final String SERVICE_JVM_FILE = "config/service.jvm";

    static final String USAGE = """
            Usage: java -jar benchmark/target/benchmark.jar [options]
              --quick                 smoke run (about 2 minutes, smaller numbers; not comparable with the targets)
              --out FILE              where the JSON results go (default benchmark-results.json)
              --repo DIR              repository root holding command-side/ and query-side/ (default: found from here)
              --command-jar FILE      command-side jar (default <repo>/command-side/target/command-side.jar)
              --query-jar FILE        query-side jar (default <repo>/query-side/target/query-side.jar)
              --jvm "FLAGS"           JVM flags of both services (default: those in <repo>/%s)
              --service-arg ARG       an extra argument for both services, e.g. --service-arg=--axon.timeout.enabled=false
              --profile               record JFR profiles of the command side (hot path, usage) and the query side
                                      (replay) and print their hot methods
              --threads N             client threads of the closed-loop scenarios (default 16)
              --rss-devices N         registered devices before reading peak RSS (default 100000; quick 4000)
              --rss-budget SECONDS    longest time spent registering them (default 75; 0 = no limit)
              --replay-events N       ledger size the replay rebuilds from (default 1000000; quick 30000)
              --replay-budget SECONDS longest time the replay is watched (default 75; 0 = until it is done)
              --scenarios LIST        run only these, comma-separated, of: %s (default all;
                                      start-up and set-up always run); for comparing a change quickly
              --work-dir DIR          where the store and logs go (default a new temporary directory)
              --keep                  keep the store and logs afterwards
            """.formatted(SERVICE_JVM_FILE, String.join(",", SCENARIOS));

    static Options parse(String[] args) {
        Plan plan = Arrays.asList(args).contains("--quick") ? Plan.quick() : Plan.full();
        Path out = Path.of("benchmark-results.json");
        Path repo = null;
        Path commandJar = null;
        Path queryJar = null;
        List<String> jvm = null;
        List<String> serviceArguments = new ArrayList<>();
        boolean profile = false;
        boolean keep = false;
        Path workDir = null;
        Integer rssDevices = null;
        Duration rssBudget = null;
        Integer replayEvents = null;
        Duration replayBudget = null;
        Set<String> scenarios = new LinkedHashSet<>(SCENARIOS);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String inline = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                inline = arg.substring(equals + 1);
                arg = arg.substring(0, equals);
            }
            switch (arg) {
                case "--quick" -> { }
                case "--profile" -> profile = true;
                case "--keep" -> keep = true;
                case "--help", "-h" -> throw new UsageException(null);
                case "--out" -> out = Path.of(inline != null ? inline : value(args, ++i, arg));
                case "--repo" -> repo = Path.of(inline != null ? inline : value(args, ++i, arg));
                case "--command-jar" -> commandJar = Path.of(inline != null ? inline : value(args, ++i, arg));
                case "--query-jar" -> queryJar = Path.of(inline != null ? inline : value(args, ++i, arg));
                case "--work-dir" -> workDir = Path.of(inline != null ? inline : value(args, ++i, arg));
                case "--jvm" -> jvm = List.of((inline != null ? inline : value(args, ++i, arg)).trim().split("\\s+"));
                case "--service-arg" -> serviceArguments.add(inline != null ? inline : value(args, ++i, arg));
                case "--threads" -> plan = plan.withClientThreads(number(inline != null ? inline : value(args, ++i, arg), arg));
                case "--rss-devices" -> rssDevices = number(inline != null ? inline : value(args, ++i, arg), arg);
                case "--rss-budget" -> rssBudget = Duration.ofSeconds(number(inline != null ? inline : value(args, ++i, arg), arg));
                case "--replay-events" -> replayEvents = number(inline != null ? inline : value(args, ++i, arg), arg);
                case "--scenarios" -> scenarios = scenarios(inline != null ? inline : value(args, ++i, arg));
                case "--replay-budget" -> replayBudget = Duration.ofSeconds(number(inline != null ? inline : value(args, ++i, arg), arg));
                default -> throw new UsageException("unknown option " + args[i]);
            }
        }
        if (rssDevices != null || rssBudget != null) {
            plan = plan.withRssDevices(rssDevices != null ? rssDevices : plan.rssDevices(),
                    rssBudget == null ? plan.rssBudget() : rssBudget.isZero() ? Duration.ofDays(1) : rssBudget);
        }
        if (replayEvents != null || replayBudget != null) {
            plan = plan.withReplay(replayEvents != null ? replayEvents : plan.replayEvents(),
                    replayBudget == null ? plan.replayBudget() : replayBudget.isZero() ? Duration.ofDays(1) : replayBudget);
        }
        Path root = repo != null ? repo : findRepository();
        return new Options(plan, out,
                (commandJar != null ? commandJar : root.resolve("command-side/target/command-side.jar")).toAbsolutePath(),
                (queryJar != null ? queryJar : root.resolve("query-side/target/query-side.jar")).toAbsolutePath(),
                jvm != null ? jvm : serviceJvmFlags(root), List.copyOf(serviceArguments), profile, keep, workDir, Set.copyOf(scenarios));
    }

    /** Each service's JVM flags; profiling deepens JFR's stacks so that samples reach the request handlers. */
    List<String> jvmFlags(String service, Path logDir) {
        List<String> flags = new ArrayList<>(serviceJvm);
        if (profile) {
            flags.add("-XX:FlightRecorderOptions:stackdepth=512");
        }
        return flags;
    }

    /** The argument file's flags, one per line, without its comments. */
    static List<String> serviceJvmFlags(Path repository) {
        Path file = repository.resolve(SERVICE_JVM_FILE);
        try {
            return Files.readAllLines(file).stream().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the services' JVM flags from " + file, e);
        }
    }

    /** The working directory if it holds the service jars, else the repository around this jar (benchmark/target). */
    private static Path findRepository() {
        Path here = Path.of("").toAbsolutePath();
        if (Files.isDirectory(here.resolve("command-side"))) {
            return here;
        }
        try {
            Path jar = Path.of(Options.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = jar.getParent().getParent().getParent();
            if (candidate != null && Files.isDirectory(candidate.resolve("command-side"))) {
                return candidate;
            }
        } catch (Exception ignored) {
            // fall back to the working directory
        }
        return here;
    }

    private static Set<String> scenarios(String list) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            String scenario = name.trim();
            if (!SCENARIOS.contains(scenario)) {
                throw new UsageException("unknown scenario " + scenario + "; one of " + SCENARIOS);
            }
            chosen.add(scenario);
        }
        return chosen;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String text, String option) {
        try {
            return Integer.parseInt(text.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number, got " + text);
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
