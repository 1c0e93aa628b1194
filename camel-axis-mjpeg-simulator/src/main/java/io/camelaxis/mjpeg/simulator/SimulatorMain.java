package io.camelaxis.mjpeg.simulator;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a simulated Axis camera from the command line.
 *
 * <pre>
 * java -jar camel-axis-mjpeg-simulator.jar --port 8080 --resolution 640x480 --fps 10 [--replay capture.mjpg]
 *      [--digest user:pass | --basic user:pass] [--max-viewers 20] [--no-content-length]
 * </pre>
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        AxisCameraSimulator.Builder builder = AxisCameraSimulator.builder().port(8080);
        StreamFormat format = StreamFormat.axis();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> builder.port(Integer.parseInt(args[++i]));
                case "--bind" -> builder.bindAddress(args[++i]);
                case "--fps" -> builder.fps(Integer.parseInt(args[++i]));
                case "--resolution" -> {
                    String[] wh = args[++i].toLowerCase(java.util.Locale.ROOT).split("x");
                    builder.resolution(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
                }
                case "--replay" -> builder.replay(Path.of(args[++i]));
                case "--max-viewers" -> builder.maxViewers(Integer.parseInt(args[++i]));
                case "--basic" -> {
                    String[] up = args[++i].split(":", 2);
                    builder.basicAuth(up[0], up[1]);
                }
                case "--digest" -> {
                    String[] up = args[++i].split(":", 2);
                    builder.digestAuth(up[0], up[1], "MD5", true);
                }
                case "--no-content-length" -> format = format.withoutContentLength();
                case "--help", "-h" -> {
                    System.out.println("options: --port N --bind ADDR --fps N --resolution WxH --replay FILE"
                            + " --max-viewers N --basic user:pass --digest user:pass --no-content-length");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + " (try --help)");
            }
        }
        AxisCameraSimulator camera = builder.format(format).build().start();
        System.out.println("Axis camera simulator serving " + camera.videoUri());
        Runtime.getRuntime().addShutdownHook(new Thread(camera::close));
        new CountDownLatch(1).await();
    }
}
