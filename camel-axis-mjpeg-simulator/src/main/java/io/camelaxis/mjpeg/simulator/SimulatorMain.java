package io.camelaxis.mjpeg.simulator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a simulated Axis camera from the command line.
 *
 * <pre>
 * java -cp camel-axis-mjpeg-simulator/target/classes io.camelaxis.mjpeg.simulator.SimulatorMain --port 8080
 *      [--bind ADDR] [--resolution 640x480] [--fps 10] [--replay capture.mjpg]
 *      [--digest user:pass | --basic user:pass] [--max-viewers 20] [--no-content-length]
 * </pre>
 */
public final class SimulatorMain {

    static final String USAGE = "options: --port N --bind ADDR --fps N --resolution WxH --replay FILE"
                                + " --max-viewers N --basic user:pass --digest user:pass --no-content-length";

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        AxisCameraSimulator camera;
        try {
            camera = parse(args).build().start();
        } catch (IllegalArgumentException | IOException e) {
            System.err.println(e instanceof IOException ? "cannot start the simulator: " + e : e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("Axis camera simulator serving " + camera.videoUri());
        Runtime.getRuntime().addShutdownHook(new Thread(camera::close));
        new CountDownLatch(1).await();
    }

    /** The simulator the options describe; a bad option is an {@link IllegalArgumentException} that names it. */
    static AxisCameraSimulator.Builder parse(String... args) throws IOException {
        AxisCameraSimulator.Builder builder = AxisCameraSimulator.builder().port(8080);
        StreamFormat format = StreamFormat.axis();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--no-content-length")) {
                format = format.withoutContentLength();
                continue;
            }
            if (!arg.startsWith("--") || !USAGE.contains(arg + " ")) {
                throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + arg + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (arg) {
                case "--port" -> builder.port(number(arg, value));
                case "--bind" -> builder.bindAddress(value);
                case "--fps" -> builder.fps(number(arg, value));
                case "--resolution" -> {
                    String[] wh = value.toLowerCase(Locale.ROOT).split("x");
                    if (wh.length != 2) {
                        throw new IllegalArgumentException("--resolution must be WIDTHxHEIGHT, was '" + value + "'");
                    }
                    builder.resolution(number(arg, wh[0]), number(arg, wh[1]));
                }
                case "--replay" -> builder.replay(Path.of(value));
                case "--max-viewers" -> builder.maxViewers(number(arg, value));
                case "--basic", "--digest" -> {
                    String[] up = value.split(":", 2);
                    if (up.length != 2) {
                        throw new IllegalArgumentException(arg + " must be user:password");
                    }
                    if (arg.equals("--basic")) {
                        builder.basicAuth(up[0], up[1]);
                    } else {
                        builder.digestAuth(up[0], up[1], "MD5", true);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        return builder.format(format);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + value + "'");
        }
    }
}
