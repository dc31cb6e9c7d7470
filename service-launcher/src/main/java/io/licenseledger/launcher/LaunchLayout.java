package io.licenseledger.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A service jar as {@code ./ledger run} starts it: extracted by Spring Boot's jarmode (classes load from plain jars,
 * not from jars nested in one) and mapped with the class-data-sharing archive of the classes its previous run loaded,
 * which a run without one writes when it stops.
 *
 * @param jar     the extracted application jar, its libraries beside it
 * @param archive the dynamic CDS archive, present once a run has stopped
 */
public record LaunchLayout(Path jar, Path archive) {

    /** Extracts {@code bootJar} into {@code directory} (emptied first). */
    public static LaunchLayout extract(Path bootJar, Path directory) {
        String fileName = bootJar.getFileName().toString();
        try {
            deleteRecursively(directory);
            Files.createDirectories(directory.getParent());
            Process extraction = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djarmode=tools", "-jar", bootJar.toString(), "extract", "--destination",
                    directory.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!extraction.waitFor(2, TimeUnit.MINUTES) || extraction.exitValue() != 0) {
                throw new IllegalStateException("could not extract " + bootJar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String stem = fileName.endsWith(".jar") ? fileName.substring(0, fileName.length() - 4) : fileName;
        return new LaunchLayout(directory.resolve(fileName), directory.resolve(stem + ".jsa"));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The JVM flag that maps the archive, or that writes it at exit while there is none. */
    public List<String> classDataSharingFlags() {
        return List.of(Files.isRegularFile(archive)
                ? "-XX:SharedArchiveFile=" + archive
                : "-XX:ArchiveClassesAtExit=" + archive);
    }
}
