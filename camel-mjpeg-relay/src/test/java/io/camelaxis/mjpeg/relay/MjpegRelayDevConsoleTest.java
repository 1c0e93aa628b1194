package io.camelaxis.mjpeg.relay;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.camelaxis.mjpeg.simulator.CaptureFile;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleResolver;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The mjpeg-relay dev console, resolved as Camel resolves consoles, shows a relayed camera's viewers and frames. */
class MjpegRelayDevConsoleTest {

    @Test
    void showsViewersAndFramesInTextAndJson() throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        List<byte[]> capture = CaptureFile.readFrames(CaptureFile.sharedAxisCapture());
        try (RelayFixture relay = RelayFixture.start(context, "gate", "");
             Viewer viewer = new Viewer(relay.url("/cameras/gate/stream"))) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> relay.endpoint.getViewers() == 1);
            for (int i = 0; i < 2; i++) { // one at a time: a frame still waiting would be replaced (counted)
                relay.publish(capture.get(i));
                int expected = i + 1;
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> viewer.frames.size() == expected);
            }

            DevConsoleResolver resolver = PluginHelper.getDevConsoleResolver(context);
            DevConsole console = resolver.resolveDevConsole("mjpeg-relay");
            assertThat(console).isInstanceOf(MjpegRelayDevConsole.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> camera = ((List<Map<String, Object>>) ((Map<String, Object>) console
                    .call(DevConsole.MediaType.JSON)).get("cameras")).get(0);
            assertThat(camera).containsEntry("camera", "gate").containsEntry("port", relay.port)
                    .containsEntry("viewers", 1).containsEntry("framesIn", 2L).containsEntry("framesOut", 2L)
                    .containsEntry("framesDropped", 0L);
            assertThat((String) console.call(DevConsole.MediaType.TEXT))
                    .contains("Relay gate on port " + relay.port + ": 1 viewers")
                    .contains("frames in: 2  out: 2");
        }
    }
}
