package io.camelaxis.mjpeg;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.StreamFault;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleResolver;
import org.apache.camel.support.PluginHelper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The axis-mjpeg dev console as Camel finds it, over a camera that cut one connection. */
class AxisMjpegDevConsoleTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    @SuppressWarnings("unchecked")
    void showsEachCamerasStateRateCountersAndLastError() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).fault(StreamFault.CUT_MID_FRAME, 3)
                .build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                                                   + "?resolution=64x48&cameraId=gate&reconnectDelay=20")) {
            Awaitility.await().atMost(WAIT).until(() -> route.frames().frames().stream().anyMatch(f -> f.connection() == 2));
            DevConsoleResolver resolver = PluginHelper.getDevConsoleResolver(route.context());
            DevConsole console = resolver.resolveDevConsole("axis-mjpeg");
            assertThat(console).isInstanceOf(AxisMjpegDevConsole.class);

            Map<String, Object> streaming = (Map<String, Object>) ((List<?>) ((Map<String, Object>) console
                    .call(DevConsole.MediaType.JSON)).get("cameras")).get(0);
            assertThat(streaming).containsEntry("camera", "gate").containsEntry("routeId", CameraRoute.ROUTE_ID)
                    .containsEntry("state", "STREAMING").doesNotContainKey("fps"); // no earlier call to measure from

            route.context().getRouteController().suspendRoute(CameraRoute.ROUTE_ID);
            console.call(DevConsole.MediaType.JSON);
            Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
            Map<String, Object> suspended = (Map<String, Object>) ((List<?>) json.get("cameras")).get(0);
            AxisMjpegConsumer consumer = route.consumer();
            assertThat(suspended).containsEntry("state", "SUSPENDED").containsEntry("fps", 0.0)
                    .containsEntry("frames", consumer.getFramesReceived())
                    .containsEntry("bytes", consumer.getBytesReceived())
                    .containsEntry("corruptFrames", consumer.getCorruptFrames())
                    .containsEntry("reconnects", 1L).containsEntry("connections", 2L)
                    .containsEntry("lastError", consumer.getLastError());
            assertThat(consumer.getLastError()).isNotNull();

            String text = (String) console.call(DevConsole.MediaType.TEXT);
            assertThat(text).startsWith("Camera gate (route camera): SUSPENDED, 0.0 fps")
                    .contains("frames: " + consumer.getFramesReceived() + " ").contains("reconnects: 1 ")
                    .contains("last error (");
        }
    }
}
