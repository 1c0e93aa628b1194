package io.camelaxis.mjpeg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
