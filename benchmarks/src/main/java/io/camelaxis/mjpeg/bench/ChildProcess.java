package io.camelaxis.mjpeg.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process the bench measures from outside, talked to over its stdin/stdout: another bench command
 * ({@link BenchMain}) in its own JVM, or a peer such as the OpenCV script. Lines starting with the child's prefix are
 * answers, anything else (its log) is passed on to our stderr. Its CPU is read from /proc by its pid, so it never
 * counts in this JVM's numbers.
 */
final class ChildProcess implements AutoCloseable {

    /**
     * System property: the cores ({@code taskset -c} list) the niced farms run on, e.g. {@code 1}, for a run that
     * keeps the farms off the cores of the JVM under test (see {@link #pinSelf()}).
     */
    static final String FARM_CPUS = "bench.farmCpus";
    /** System property: the cores this JVM, the one under test, keeps to, e.g. {@code 0}. */
    static final String SELF_CPUS = "bench.selfCpus";

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final String prefix;

    private ChildProcess(Process process, String prefix) {
        this.process = process;
        this.prefix = prefix;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.US_ASCII);
    }

    /** Starts {@code bench <args>} with a heap of {@code heapMb}; answers are lines starting with {@code prefix}. */
    static ChildProcess jvm(String prefix, int heapMb, String... args) throws IOException {
        return jvm(prefix, heapMb, false, args);
    }

    /**
     * As {@link #jvm(String, int, String...)}; {@code niced} runs it at nice 10. Linux shares a busy CPU fairly among
     * threads, not processes, so a camera farm with thousands of runnable threads would otherwise take the cores
     * from the consumer under test, something real cameras (other machines) never do. Niced, the farm gets what the
     * consumer leaves; when that is not enough, the farm falls behind, which shows as fewer frames sent.
     */
    static ChildProcess jvm(String prefix, int heapMb, boolean niced, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        String cpus = System.getProperty(FARM_CPUS);
        if (niced && cpus != null && Files.isExecutable(Path.of("/usr/bin/taskset"))) {
            command.addAll(List.of("/usr/bin/taskset", "-c", cpus));
        }
        if (niced && Files.isExecutable(Path.of("/usr/bin/nice"))) {
            command.addAll(List.of("/usr/bin/nice", "-n", "10"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + heapMb + "m", "-Xmx" + heapMb + "m", "-XX:+UseParallelGC", "-cp",
                System.getProperty("java.class.path"), BenchMain.class.getName()));
        command.addAll(List.of(args));
        return start(prefix, command);
    }

    /** Starts any command; answers are the lines starting with {@code prefix}. */
    static ChildProcess start(String prefix, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new ChildProcess(process, prefix);
    }

    /**
     * Pins every thread of this JVM to {@code cpus} when {@link #SELF_CPUS} is set (threads started later inherit
     * it), so the JVM under test and the farms do not share cores; a no-op otherwise.
     */
    static void pinSelf() throws IOException, InterruptedException {
        String cpus = System.getProperty(SELF_CPUS);
        if (cpus != null && Files.isExecutable(Path.of("/usr/bin/taskset"))) {
            int exit = new ProcessBuilder("/usr/bin/taskset", "-a", "-p", "-c", cpus,
                    Long.toString(ProcessHandle.current().pid())).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start().waitFor();
            if (exit != 0) {
                throw new IOException("taskset -a -p -c " + cpus + " failed (exit " + exit + ")");
            }
        }
    }

    long pid() {
        return process.pid();
    }

    void send(String command) {
        in.println(command);
    }

    /** The next answer starting with {@code prefix + keyword + " "}, without that; fails if the child ends first. */
    String await(String keyword) throws IOException {
        String wanted = prefix + keyword + " ";
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(wanted)) {
                return line.substring(wanted.length());
            }
            System.err.println("[child " + process.pid() + "] " + line);
        }
        throw new IOException("bench child " + process.pid() + " ended before answering " + keyword);
    }

    @Override
    public void close() throws InterruptedException {
        in.close(); // a child reading commands takes end of input as "stop"
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
