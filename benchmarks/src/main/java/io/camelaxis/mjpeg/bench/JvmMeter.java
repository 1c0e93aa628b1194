package io.camelaxis.mjpeg.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** CPU, heap and threads of this JVM over a measured window, with the simulator's own share of the CPU. */
final class JvmMeter {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long startWall;
    private long startCpu;
    private long startSimulatorCpu;

    void start() {
        startWall = System.nanoTime();
        startCpu = os.getProcessCpuTime();
        startSimulatorCpu = simulatorCpu();
    }

    /** Measures the window since {@link #start()}. */
    Snapshot stop() {
        long wall = System.nanoTime() - startWall;
        long cpu = os.getProcessCpuTime() - startCpu;
        long simulator = simulatorCpu() - startSimulatorCpu;
        int cores = Runtime.getRuntime().availableProcessors();
        System.gc();
        long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        return new Snapshot(100.0 * cpu / wall / cores, 100.0 * (cpu - simulator) / wall / cores, heap >> 20,
                threads.getThreadCount(), cores);
    }

    private long simulatorCpu() {
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            if (info != null && info.getThreadName().startsWith("axis-simulator")) {
                long t = threads.getThreadCpuTime(id);
                total += Math.max(0, t);
            }
        }
        return total;
    }

    /**
     * @param cpuPercent          whole JVM, % of all cores
     * @param cpuPercentWithoutSimulator the same without the simulated cameras' threads (approximate: threads that
     *                                   ended during the window are not subtracted)
     */
    record Snapshot(double cpuPercent, double cpuPercentWithoutSimulator, long heapUsedMb, int threads, int cores) {
    }
}
