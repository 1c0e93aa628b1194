package io.camelaxis.mjpeg;

import java.time.Duration;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.SelfSignedCertificate;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The CamelContext's global SSL settings reach a camera only with useGlobalSslContextParameters=true. */
class GlobalSslContextTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void globalSslContextParametersAreUsedOnlyWhenAskedFor() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate();
        SSLContextParameters global = TestTls.trusting(certificate);
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).tls(certificate.serverContext())
                .build().start();
             CamelContext context = new DefaultCamelContext()) {
            context.setSSLContextParameters(global);
            FrameCollector frames = new FrameCollector();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?https=true&resolution=64x48").routeId("tls")
                            .process(frames);
                }
            });
            AxisMjpegComponent component = context.getComponent("axis-mjpeg", AxisMjpegComponent.class);
            assertThat(component.isUseGlobalSslContextParameters()).as("off by default").isFalse();
            AxisMjpegConfiguration withoutGlobal = context.getEndpoint(
                    "axis-mjpeg:" + camera.hostAndPort() + "?https=true&cameraId=without", AxisMjpegEndpoint.class)
                    .getConfiguration();
            assertThat(withoutGlobal.getSslContextParameters()).isNull();

            component.setUseGlobalSslContextParameters(true);
            context.start();
            AxisMjpegEndpoint endpoint = (AxisMjpegEndpoint) context.getRoute("tls").getEndpoint();
            assertThat(endpoint.getConfiguration().getSslContextParameters()).isSameAs(global);
            frames.await(3, WAIT);
        }
    }
}
