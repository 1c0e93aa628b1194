package io.camelaxis.mjpeg.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.camelaxis.mjpeg.parser.JpegValidation;

/**
 * The {@code bench} command.
 *
 * <pre>
 * bench generate FILE [--mb 698] [--resolution 1280x720] [--no-content-length]
 * bench parse FILE [--runs 5] [--validation markers] [--read-size 65536]
 * bench read-cost FILE --mode read|copy|direct|direct-copy|parse [--read-size 65536] [--frame-size 40000] [--passes 7]
 *                [--from-port P]
 * bench cameras N[,N...] [--seconds 20] [--fps 10] [--resolution 640x480] [--transport async]
 * bench camera-farm N [--fps 10] [--resolution 640x480] [--port-base 0] [--lean]   (started by the benches as a child
 *                JVM; -Dbench.farm=lean in the bench's JVM picks --lean)
 * bench relay N[,N...] [--seconds 20] [--fps 10]
 * bench viewer-farm RELAY_PORT N [--fps 10]   (started by the relay bench as a child JVM)
 * bench serve DIR [--port 8089]
 * bench http-read HOST:PORT PATH --frames N [--transport blocking|async] [--read-size 65536] [--route-on-io-thread]
 * bench kafka N[,N...] [--seconds 20] [--fps 10] [--resolution 640x480] [--no-python]
 * bench kafka-route BOOTSTRAP TOPIC PORT[,PORT...] [--transport async] [--uri-options &k=v] [--async-worker-threads N]   (started by the kafka bench as a child JVM)
 * bench connect N[,N...] [--tasks 3] [--seconds 20] [--fps 10] [--resolution 640x480]
 * bench reconnects [CYCLES] [--transport blocking,async]
 * </pre>
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("reconnects")) {
            // the soak: 10,000 reconnect cycles per transport unless told otherwise
            boolean counted = args.length >= 2 && !args[1].startsWith("--");
            int cycles = counted ? Integer.parseInt(args[1]) : 10_000;
            Options o = new Options(Arrays.copyOfRange(args, counted ? 2 : 1, args.length));
            System.out.println(ReconnectsBench.header());
            for (String transport : o.value("--transport", "blocking,async").split(",")) {
                ReconnectsBench.run(transport, cycles);
            }
            return;
        }
        if (args.length < 2) {
            System.err.println("usage: bench generate FILE [--mb N] [--resolution WxH] [--no-content-length]\n"
                               + "       bench parse FILE [--runs N] [--validation none|markers|structure]"
                               + " [--read-size BYTES]\n"
                               + "       bench read-cost FILE --mode read|copy|direct|direct-copy|parse"
                               + " [--read-size BYTES] [--frame-size BYTES] [--passes N] [--from-port P]\n"
                               + "       bench cameras N[,N] [--seconds S] [--fps F] [--resolution WxH]"
                               + " [--transport async|blocking|blocking,async]\n"
                               + "       bench camera-farm N [--fps F] [--resolution WxH] [--port-base P] [--lean]\n"
                               + "       bench relay VIEWERS[,VIEWERS] [--seconds S] [--fps F]\n"
                               + "       bench viewer-farm RELAY_PORT VIEWERS [--fps F]\n"
                               + "       bench serve DIR [--port P]\n"
                               + "       bench http-read HOST:PORT PATH --frames N [--transport blocking|async]"
                               + " [--read-size BYTES] [--route-on-io-thread]\n"
                               + "       bench kafka N[,N] [--seconds S] [--fps F] [--resolution WxH] [--no-python]\n"
                               + "       bench kafka-route BOOTSTRAP TOPIC PORT[,PORT] [--transport T] [--uri-options &k=v]"
                               + " [--async-worker-threads N]\n"
                               + "       bench connect N[,N] [--tasks T] [--seconds S] [--fps F] [--resolution WxH]\n"
                               + "       bench reconnects [CYCLES] [--transport blocking,async]");
            System.exit(2);
        }
        Options o = new Options(Arrays.copyOfRange(args, 2, args.length));
        ChildProcess.pinSelf(); // -Dbench.selfCpus=0 -Dbench.farmCpus=1: the JVM under test and the farms apart
        switch (args[0]) {
            case "generate" -> {
                int[] wh = o.resolution("1280x720");
                long frames = MjpegFiles.write(Path.of(args[1]), o.longValue("--mb", 698) * 1_000_000L, wh[0], wh[1],
                        !o.flag("--no-content-length"));
                System.out.printf("wrote %s: %d frames of %dx%d%n", args[1], frames, wh[0], wh[1]);
            }
            case "read-cost" -> System.out.println(ReadCost.run(Path.of(args[1]), o.value("--mode", "parse"),
                    (int) o.longValue("--read-size", 65536), (int) o.longValue("--frame-size", 40_000),
                    (int) o.longValue("--passes", 7), (int) o.longValue("--from-port", 0)).line());
            case "parse" -> parse(Path.of(args[1]), (int) o.longValue("--runs", 5),
                    JpegValidation.valueOf(o.value("--validation", "markers")), !o.flag("--no-warmup"),
                    (int) o.longValue("--read-size", 65536));
            case "serve" -> FileServer.serve(Path.of(args[1]).toAbsolutePath().normalize(),
                    (int) o.longValue("--port", 8089));
            case "http-read" -> HttpRead.run(args[1], args[2], o.longValue("--frames", 0),
                    o.value("--transport", "blocking"), (int) o.longValue("--read-size", 65536),
                    o.flag("--route-on-io-thread"));
            case "cameras" -> {
                MarkdownReport report = CamerasBench.report();
                for (String n : args[1].split(",")) {
                    for (String transport : o.value("--transport", "async").split(",")) {
                        CamerasBench.run(report, Integer.parseInt(n), (int) o.longValue("--seconds", 20),
                                (int) o.longValue("--fps", 10), o.resolution("640x480"), transport);
                    }
                }
                report.write();
            }
            case "camera-farm" -> CameraFarm.run(Integer.parseInt(args[1]), (int) o.longValue("--fps", 10),
                    o.resolution("640x480"), (int) o.longValue("--port-base", 0), o.flag("--lean"));
            case "relay" -> {
                MarkdownReport report = RelayBench.report();
                for (String n : args[1].split(",")) {
                    RelayBench.run(report, Integer.parseInt(n), (int) o.longValue("--seconds", 20),
                            (int) o.longValue("--fps", 10));
                }
                report.write();
            }
            case "viewer-farm" -> ViewerFarm.run(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    (int) o.longValue("--fps", 10));
            case "kafka" -> {
                MarkdownReport report = KafkaBench.report();
                for (String n : args[1].split(",")) {
                    KafkaBench.run(report, Integer.parseInt(n), (int) o.longValue("--seconds", 20),
                            (int) o.longValue("--fps", 10), o.resolution("640x480"), !o.flag("--no-python"));
                }
                report.write();
            }
            case "kafka-route" -> KafkaRoute.run(args[1], args[2], args[3], o.value("--transport", "async"),
                    o.value("--uri-options", ""), (int) o.longValue("--async-worker-threads", 0));
            case "connect" -> {
                System.out.println(ConnectBench.header());
                for (String n : args[1].split(",")) {
                    ConnectBench.run(Integer.parseInt(n), (int) o.longValue("--tasks", 3),
                            (int) o.longValue("--seconds", 20), (int) o.longValue("--fps", 10),
                            o.resolution("640x480"));
                }
            }
            default -> throw new IllegalArgumentException("unknown bench command " + args[0]);
        }
    }

    private static void parse(Path file, int runs, JpegValidation validation, boolean warmUp, int readSize)
            throws Exception {
        List<ParseFile.Result> results = new ArrayList<>();
        if (warmUp) {
            ParseFile.run(file, readSize, validation);
        }
        for (int i = 0; i < runs; i++) {
            results.add(ParseFile.run(file, readSize, validation));
        }
        results.sort((a, b) -> Double.compare(b.megabytesPerSecond(), a.megabytesPerSecond()));
        ParseFile.Result best = results.get(0);
        ParseFile.Result median = results.get(results.size() / 2);
        System.out.printf(Locale.ROOT, "camel-axis-mjpeg parser: %s, %d frames, %.1f MB: best %.0f MB/s"
                          + " (%.0f frames/s), median %.0f MB/s over %d runs, %d discarded%n",
                file.getFileName(), best.frames(), best.bytes() / 1e6, best.megabytesPerSecond(),
                best.framesPerSecond(), median.megabytesPerSecond(), runs, best.discarded());
        System.out.printf(Locale.ROOT, "RESULT parse_mb_per_s=%.0f%n", best.megabytesPerSecond());
    }

    /** Minimal option reader. */
    static final class Options {
        private final List<String> args;

        Options(String[] args) {
            this.args = List.of(args);
        }

        boolean flag(String name) {
            return args.contains(name);
        }

        String value(String name, String defaultValue) {
            int i = args.indexOf(name);
            return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : defaultValue;
        }

        long longValue(String name, long defaultValue) {
            return Long.parseLong(value(name, Long.toString(defaultValue)));
        }

        int[] resolution(String defaultValue) {
            String[] wh = value("--resolution", defaultValue).toLowerCase(Locale.ROOT).split("x");
            return new int[] { Integer.parseInt(wh[0]), Integer.parseInt(wh[1]) };
        }
    }
}
