package io.camelaxis.mjpeg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of one process (user + system, all its threads) from {@code /proc/<pid>/stat}, and its resident memory and
 * thread count from {@code /proc/<pid>/status}: the same measure for this JVM, another JVM and a Python process.
 */
final class ProcessMeter {

    /** USER_HZ: the unit of utime and stime in /proc; 100 on every Linux architecture the JDK runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private final long pid;
    private long startWall;
    private long startTicks;
    private long startPressure;
    private Map<String, Long> startThreads = Map.of();

    ProcessMeter(long pid) {
        this.pid = pid;
    }

    static ProcessMeter self() {
        return new ProcessMeter(ProcessHandle.current().pid());
    }

    void start() throws IOException {
        startWall = System.nanoTime();
        startTicks = cpuTicks();
        startPressure = cpuPressureMicros();
        startThreads = ticksByThreadGroup();
    }

    /**
     * Where the process's CPU went since {@link #start()}: threads grouped by name (numbers dropped, so the 8 route
     * workers are one line; "C2" kept), the {@code top} biggest, in % of one core, e.g.
     * {@code "I/O dispatcher 31 %, AxisMjpegWorker 20 %, C2 CompilerThread 9 %"}. Threads that ended during the
     * window are missing.
     */
    String topThreads(int top) throws IOException {
        double wallSeconds = (System.nanoTime() - startWall) / 1e9;
        Map<String, Long> end = ticksByThreadGroup();
        return end.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - startThreads.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .map(e -> String.format(Locale.ROOT, "%s %.0f %%", e.getKey(),
                        100.0 * e.getValue() / TICKS_PER_SECOND / wallSeconds))
                .collect(Collectors.joining(", "));
    }

    /** CPU ticks of every thread of the process, summed by thread name without its digits. */
    private Map<String, Long> ticksByThreadGroup() throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("(?<=[-#( ])[0-9]+|[0-9]+$", "").replaceAll("[-#_ ]+$", "").trim();
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked
                }
            }
        }
        return ticks;
    }

    /**
     * The share of the window in which at least one runnable task on the machine waited for a core (Linux PSI,
     * {@code /proc/pressure/cpu} "some"), in %: machine-wide, so it shows the other processes' load as well; -1 when
     * the kernel has no PSI. Near 100 % the latency tail is queueing for a core, not work.
     */
    double cpuPressurePercent() throws IOException {
        long now = cpuPressureMicros();
        if (now < 0 || startPressure < 0) {
            return -1;
        }
        return 100.0 * (now - startPressure) / ((System.nanoTime() - startWall) / 1000.0);
    }

    private static long cpuPressureMicros() throws IOException {
        Path psi = Path.of("/proc/pressure/cpu");
        if (!Files.isReadable(psi)) {
            return -1;
        }
        for (String line : Files.readAllLines(psi)) {
            if (line.startsWith("some ")) {
                return Long.parseLong(line.substring(line.indexOf("total=") + 6).trim());
            }
        }
        return -1;
    }

    /** CPU used since {@link #start()}, in % of one core (200 % is both cores of a 2-core machine). */
    double cpuPercentOfOneCore() throws IOException {
        double wallSeconds = (System.nanoTime() - startWall) / 1e9;
        return 100.0 * (cpuTicks() - startTicks) / TICKS_PER_SECOND / wallSeconds;
    }

    long residentMb() throws IOException {
        return status("VmRSS:") >> 10;
    }

    long threads() throws IOException {
        return status("Threads:");
    }

    private long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // the command name (field 2) may hold spaces: fields are counted after its closing parenthesis
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
    }

    private long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }
}
