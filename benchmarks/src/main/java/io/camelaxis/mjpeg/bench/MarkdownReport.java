package io.camelaxis.mjpeg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.camel.impl.DefaultCamelContext;

/**
 * A bench's markdown report: machine, versions, date and method above the table, each row printed as it comes and
 * the whole written to {@code benchmarks/target/<name>-<UTC time>.md} at the end (copied into docs/performance.md
 * by hand).
 */
final class MarkdownReport {

    private final String name;
    private final List<String> lines = new ArrayList<>();

    MarkdownReport(String name, String title, String method, String tableHeader) {
        this.name = name;
        add("# " + title);
        add("");
        add(String.format(Locale.ROOT, "%s UTC; %s; %d cores, %d MB RAM; Linux %s; Java %s (%s); Camel %s.",
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(Instant.now()),
                cpuModel(), Runtime.getRuntime().availableProcessors(), memTotalMb(), System.getProperty("os.version"),
                System.getProperty("java.vm.version"), System.getProperty("java.vm.vendor"),
                new DefaultCamelContext().getVersion()));
        add("");
        add(method);
        add("");
        add(tableHeader);
    }

    void add(String line) {
        lines.add(line);
        System.out.println(line);
    }

    Path write() throws IOException {
        Path dir = Path.of("benchmarks", "target").toAbsolutePath();
        Files.createDirectories(dir);
        Path file = dir.resolve(name + "-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
                .format(Instant.now()) + ".md");
        Files.write(file, lines);
        System.out.println("report: " + file);
        return file;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static long memTotalMb() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) >> 10).orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }
}
