package io.camelaxis.mjpeg;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

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

            AtomicLong now = new AtomicLong(1_000);
            ((AxisMjpegDevConsole) console).useClock(now::get);
            Map<String, Object> streaming = first(console);
            assertThat(streaming).containsEntry("camera", "gate").containsEntry("routeId", CameraRoute.ROUTE_ID)
                    .containsEntry("state", "STREAMING").doesNotContainKey("fps"); // no earlier call to measure from

            route.context().getRouteController().suspendRoute(CameraRoute.ROUTE_ID);
            AxisMjpegConsumer consumer = route.consumer();
            now.set(3_000);
            assertThat(first(console)).as("frames between the two calls, over their 2 s")
                    .containsEntry("fps", (consumer.getFramesReceived() - (Long) streaming.get("frames")) / 2.0);
            now.set(4_000);
            Map<String, Object> suspended = first(console);
            assertThat(suspended).containsEntry("state", "SUSPENDED").containsEntry("fps", 0.0)
                    .containsEntry("frames", consumer.getFramesReceived())
                    .containsEntry("bytes", consumer.getBytesReceived())
                    .containsEntry("corruptFrames", consumer.getCorruptFrames())
                    .containsEntry("reconnects", 1L).containsEntry("connections", 2L)
                    .containsEntry("lastError", consumer.getLastError());
            assertThat(consumer.getLastError()).isNotNull();

            now.set(4_500); // sooner than a second: the last measurement again
            String text = (String) console.call(DevConsole.MediaType.TEXT);
            assertThat(text).startsWith("Camera gate (route camera): SUSPENDED, 0.0 fps")
                    .contains("frames: " + consumer.getFramesReceived() + " ").contains("reconnects: 1 ")
                    .contains("last error (");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(DevConsole console) {
        Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
        return (Map<String, Object>) ((List<?>) json.get("cameras")).get(0);
    }
}
