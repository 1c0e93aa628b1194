package io.camelaxis.mjpeg.examples;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.main.Main;

/**
 * Runs one example route. Without {@code --host} it starts a simulated Axis camera first, so the examples work on any
 * machine; with {@code --host} (and credentials) they read a real camera.
 */
public final class ExamplesMain {

    private ExamplesMain() {
    }

    public static void main(String[] args) throws Exception {
        CameraOptions options;
        try {
            options = CameraOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        AxisCameraSimulator simulator = null;
        String hostAndPort = options.host + (options.port > 0 ? ":" + options.port : "");
        if (options.simulated()) {
            simulator = AxisCameraSimulator.builder().build().start();
            hostAndPort = simulator.hostAndPort();
            System.out.println("No --host given: started a simulated Axis camera at " + simulator.videoUri());
        }
        try {
            run(options, options.cameraUri(hostAndPort));
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    static void run(CameraOptions options, String cameraUri) throws Exception {
        Main main = new Main();
        main.configure().withDurationMaxSeconds(options.seconds > 0 ? options.seconds : 0);
        switch (options.example) {
            case "yaml" -> {
                main.addInitialProperty("camera.uri", cameraUri);
                main.addInitialProperty("output.dir", options.output);
                main.configure().withRoutesIncludePattern("classpath:routes/camera-to-files.camel.yaml");
            }
            default -> main.configure().addRoutesBuilder(routes(options, cameraUri));
        }
        System.out.println("Running example '" + options.example + "' on " + maskPassword(cameraUri)
                           + (options.seconds > 0 ? " for " + options.seconds + " s" : " (Ctrl-C to stop)"));
        main.run();
    }

    static RoutesBuilder routes(CameraOptions o, String cameraUri) {
        return switch (o.example) {
            case "files" -> new CameraToFilesRoute(cameraUri, o.output);
            case "throttled" -> new ThrottledSnapshotsRoute(cameraUri, o.output);
            case "motion" -> new MotionRoute(cameraUri, o.output);
            default -> throw new IllegalArgumentException("unknown example '" + o.example + "'\n" + CameraOptions.usage());
        };
    }

    static String maskPassword(String uri) {
        return uri.replaceAll("password=RAW\\([^)]*\\)", "password=xxxxxx");
    }
}
