package io.camelaxis.mjpeg.examples;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's own YAML route and application.properties, run as the README's {@code ./run.sh --properties FILE} does;
 * and the shipped YAML example, loaded without Camel's compact-notation warning.
 */
class OwnYamlRouteTest {

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private AbstractAppender capture;

    @BeforeEach
    void captureWarnings() {
        capture = new AbstractAppender("own-route-warnings", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
                    warnings.add(event.getMessage().getFormattedMessage());
                }
            }
        };
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(capture, Level.WARN, null);
        context.updateLoggers();
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(capture.getName());
        context.updateLoggers();
        capture.stop();
    }

    @Test
    void aUsersYamlRouteRunsWithItsApplicationProperties(@TempDir Path dir) throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).digestAuth("viewer", "s3cret#1", "MD5",
                true).build().start()) {
            Path out = dir.resolve("frames");
            Path route = dir.resolve("my-camera.camel.yaml");
            Files.writeString(route, """
                    - route:
                        id: my-camera
                        from:
                          uri: "axis-mjpeg:{{camera.address}}"
                          steps:
                            - to:
                                uri: "file:{{frames.dir}}"
                                parameters:
                                  fileName: "${header.CamelAxisMjpegFrameNumber}.jpg"
                    """);
            Path properties = dir.resolve("application.properties");
            Files.writeString(properties, String.join("\n",
                    "camel.main.routes-include-pattern=file:" + route,
                    "camel.main.duration-max-messages=3",
                    "camera.address=" + camera.hostAndPort(),
                    "frames.dir=" + out,
                    "camel.component.axis-mjpeg.username=viewer",
                    "camel.component.axis-mjpeg.password=s3cret#1",
                    "camel.component.axis-mjpeg.resolution=64x48",
                    "camel.component.axis-mjpeg.nbr-of-frames=3", // a finite stream: exactly three files
                    ""));

            ExamplesMain.main(new String[] { "--properties", properties.toString() }); // ./run.sh --properties FILE

            try (Stream<Path> files = Files.list(out)) {
                List<Path> jpegs = files.sorted().toList();
                assertThat(jpegs).extracting(p -> p.getFileName().toString())
                        .containsExactly("1.jpg", "2.jpg", "3.jpg");
                BufferedImage image = ImageIO.read(jpegs.get(0).toFile());
                assertThat(image.getWidth()).isEqualTo(64);
            }
            assertThat(camera.authFailures()).isZero();
        }
        assertThat(warnings).noneMatch(w -> w.contains("compact notation"));
    }

    @Test
    void theShippedYamlExampleUsesTheCanonicalNotation(@TempDir Path dir) throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).build().start()) {
            Main main = new Main();
            main.addInitialProperty("camera.uri", "axis-mjpeg:" + camera.hostAndPort() + "?resolution=64x48&nbrOfFrames=2");
            main.addInitialProperty("output.dir", dir.toString());
            main.addInitialProperty("camel.main.duration-max-messages", "2");
            main.configure().withRoutesIncludePattern("classpath:routes/camera-to-files.camel.yaml");
            main.run();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("yaml-1.jpg", "yaml-2.jpg");
        }
        assertThat(warnings).noneMatch(w -> w.contains("compact notation"));
    }
}
