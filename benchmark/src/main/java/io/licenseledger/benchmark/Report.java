package io.licenseledger.benchmark;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures against their targets, printed as a table and written as JSON with every detail measured. */
final class Report {

    /**
     * One line of the table. {@code met} is null where there is no target (a baseline, a ratio) or the figure could
     * not be measured.
     */
    record Figure(String scenario, String figure, String target, Boolean met, String note) {
    }

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();

    void add(Figure figure) {
        figures.add(figure);
        Console.step("  = " + figure.scenario() + ": " + figure.figure()
                + (figure.target() == null ? "" : " (target " + figure.target() + ": "
                + (figure.met() == null ? "not established" : figure.met() ? "met" : "NOT met") + ")"));
    }

    void add(String scenario, String figure, String target, Boolean met, String note) {
        add(new Figure(scenario, figure, target, met, note));
    }

    /** Anything measured, keyed by scenario, for the JSON. */
    void detail(String key, Object value) {
        details.put(key, value);
    }

    List<Figure> figures() {
        return List.copyOf(figures);
    }

    String table() {
        String[] headers = {"scenario", "figure", "target", "met?"};
        int[] widths = new int[headers.length];
        List<String[]> rows = new ArrayList<>();
        for (Figure figure : figures) {
            rows.add(new String[]{figure.scenario(), figure.figure(), figure.target() == null ? "-" : figure.target(),
                    figure.met() == null ? "-" : figure.met() ? "yes" : "NO"});
        }
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        appendRow(table, headers, widths);
        String[] rule = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rule[i] = "-".repeat(widths[i]);
        }
        appendRow(table, rule, widths);
        rows.forEach(row -> appendRow(table, row, widths));
        List<Figure> noted = figures.stream().filter(f -> f.note() != null && !f.note().isBlank()).toList();
        if (!noted.isEmpty()) {
            table.append(System.lineSeparator()).append("Notes:").append(System.lineSeparator());
            for (Figure figure : noted) {
                table.append("  ").append(figure.scenario()).append(": ").append(figure.note())
                        .append(System.lineSeparator());
            }
        }
        return table.toString();
    }

    private static void appendRow(StringBuilder table, String[] cells, int[] widths) {
        table.append("| ");
        for (int i = 0; i < cells.length; i++) {
            table.append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(i + 1 < cells.length ? " | " : " |");
        }
        table.append(System.lineSeparator());
    }

    void writeJson(Path out, Map<String, Object> header) {
        Map<String, Object> document = new LinkedHashMap<>(header);
        document.put("figures", figures);
        document.put("details", details);
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- formatting helpers shared by the scenarios

    static String rate(double perSecond, String unit) {
        return String.format(Locale.ROOT, "%,.0f %s/s", perSecond, unit);
    }

    static String millis(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%,.0f ms", millis) : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** {@code part} as a multiple of {@code whole}, e.g. "0.62×". */
    static String ratio(Duration part, Duration whole) {
        return String.format(Locale.ROOT, "%.2f×", part.toMillis() / (double) Math.max(1, whole.toMillis()));
    }

    static String percentiles(Latencies.Summary latency) {
        return "p50 " + millis(latency.p50()) + ", p99 " + millis(latency.p99());
    }

    static String cores(Map<String, Double> cores) {
        StringBuilder text = new StringBuilder("CPU cores used:");
        cores.forEach((name, used) -> text.append(' ').append(name).append(' ')
                .append(String.format(Locale.ROOT, "%.2f", used)));
        return text.toString();
    }

    /** The failed requests of a load, with the first failure's text; empty when none failed. */
    static String failures(Load.Result result) {
        if (result.failed() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%,d failed requests %s, first: %s; ", result.failed(),
                result.failuresByStatus(), abbreviate(result.firstFailure()));
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }
}
