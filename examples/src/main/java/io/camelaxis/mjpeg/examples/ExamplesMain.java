package io.camelaxis.mjpeg.examples;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
            if (options.properties != null && !Files.isRegularFile(Path.of(options.properties))) {
                throw new IllegalArgumentException("--properties: no file "
                                                   + Path.of(options.properties).toAbsolutePath());
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(CameraOptions.usage());
            return;
        }
        if (options.properties != null) {
            runOwnRoutes(Path.of(options.properties).toAbsolutePath());
            return;
        }
        if (options.example.equals("connect")) { // a Connect cluster with cameras of its own, no route
            new ConnectClusterExample(options, System.out).run();
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
            run(options, options.cameraUri(hostAndPort), options.maskedCameraUri(hostAndPort));
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    /** Runs the example on {@code cameraUri}, printing {@code shownUri} (the same without credentials). */
    static void run(CameraOptions options, String cameraUri, String shownUri) throws Exception {
        try (Servers servers = Servers.forExample(options)) {
            Main main = new Main();
            main.configure().withDurationMaxSeconds(options.seconds > 0 ? options.seconds : 0);
            if (options.example.equals("yaml")) {
                main.addInitialProperty("camera.uri", cameraUri);
                main.addInitialProperty("output.dir", options.output);
                main.configure().withRoutesIncludePattern("classpath:routes/camera-to-files.camel.yaml");
            } else {
                for (RoutesBuilder routes : routes(options, cameraUri, servers)) {
                    main.configure().addRoutesBuilder(routes);
                }
            }
            System.out.println("Running example '" + options.example + "' on " + shownUri
                               + (options.seconds > 0 ? " for " + options.seconds + " s" : " (Ctrl-C to stop)"));
            main.run();
        }
    }

    /**
     * The user's own routes: plain camel-main with their properties file, which names the route files
     * (camel.main.routes-include-pattern) and configures the components (camel.component.axis-mjpeg.*). Nothing of
     * the examples is added; this module only provides the classpath (component, relay, YAML DSL, file, Kafka, S3).
     */
    static void runOwnRoutes(Path properties) throws Exception {
        if (!Files.isRegularFile(properties)) {
            throw new IllegalArgumentException("no properties file " + properties);
        }
        System.out.println("Running the routes configured in " + properties + " (Ctrl-C to stop)");
        new Main().run(new String[] { "-pl", "file:" + properties });
    }

    static List<RoutesBuilder> routes(CameraOptions o, String cameraUri, Servers servers) {
        return switch (o.example) {
            case "files" -> List.of(new CameraToFilesRoute(cameraUri, o.output));
            case "throttled" -> List.of(new ThrottledSnapshotsRoute(cameraUri, o.output));
            case "motion" -> List.of(new MotionRoute(cameraUri, o.output));
            case "kafka" -> List.of(new CameraToKafkaRoute(cameraUri, servers.kafka(), o.kafkaTopic),
                    new FrameAnalyticsRoute(servers.kafka(), o.kafkaTopic, 5000));
            case "analytics" -> List.of(new FrameAnalyticsRoute(servers.kafka(), o.kafkaTopic, 5000));
            case "relay" -> List.of(new CameraRelayRoute(cameraUri, o.cameraId == null ? "camera" : o.cameraId,
                    o.relayPort));
            case "s3", "s3-batch" -> List.of(new CameraToS3Route(cameraUri, servers.s3Uri(o.s3Bucket),
                    o.example.equals("s3-batch")));
            default -> throw new IllegalArgumentException("unknown example '" + o.example + "'\n"
                                                          + CameraOptions.usage());
        };
    }
}
