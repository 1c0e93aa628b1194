package io.camelaxis.mjpeg;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Neither the password nor the user name appears anywhere a camera's endpoint is shown: JMX object names and
 * attributes of every Camel MBean, the endpoint's and consumer's toString, the route's description, the log. Passwords with the
 * characters that break URI masking ({@code ) & + = % #}), written as RAW(...) and RAW{...}.
 */
class SecretsTest {

    private static final String USER = "ops-Us3r";

    static Stream<Arguments> passwords() {
        return Stream.of(
                Arguments.of("Zqx7)Yss9&W0rdK)", "RAW(Zqx7)Yss9&W0rdK))"),
                Arguments.of("Zqx7)Yss9&W0rdK)", "RAW{Zqx7)Yss9&W0rdK)}"),
                Arguments.of("Ab3d+Bq7z=Cx9y%Dz1w#Ek)Fw6", "RAW(Ab3d+Bq7z=Cx9y%Dz1w#Ek)Fw6)"),
                Arguments.of("plainSecret9", "plainSecret9"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("passwords")
    void credentialsAreMaskedEverywhere(String password, String written) throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25)
                .digestAuth(USER, password, "MD5", true).build().start();
             LogCapture log = LogCapture.of(AxisMjpegConsumer.class)) {
            CamelContext context = new DefaultCamelContext();
            FrameCollector collector = new FrameCollector();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?resolution=64x48&username=" + USER + "&password="
                         + written).routeId("secret").process(collector);
                }
            });
            context.start();
            try {
                collector.await(2, Duration.ofSeconds(15)); // the password did reach the camera intact
                List<String> shown = new ArrayList<>();
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                for (ObjectName name : server.queryNames(new ObjectName("org.apache.camel:context="
                        + context.getManagementName() + ",*"), null)) {
                    shown.add(name.toString());
                    for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                        try {
                            shown.add(name.getKeyProperty("type") + "." + attribute.getName() + "="
                                      + server.getAttribute(name, attribute.getName()));
                        } catch (Exception | LinkageError e) {
                            // attributes that cannot be read are not shown either
                        }
                    }
                }
                shown.add(context.getRoute("secret").getEndpoint().toString());
                shown.add(String.valueOf(context.getRoute("secret").getConsumer()));
                shown.add(context.getRoute("secret").getDescription());
                shown.addAll(log.lines());
                String all = String.join("\n", shown);
                // the URI Camel shows still means the same endpoint: the password decodes back intact
                String uri = context.getRoute("secret").getEndpoint().getEndpointUri();
                String encoded = uri.substring(uri.indexOf("password=") + 9).split("&")[0];
                assertThat(java.net.URLDecoder.decode(encoded, java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo(password);
                assertThat(all).contains("axis-mjpeg").doesNotContain(USER);
                // no piece of the password, however the masking cut it
                for (String piece : password.split("[)&+=%#]")) {
                    if (piece.length() >= 3) {
                        assertThat(all).as("piece '%s' of the password", piece).doesNotContain(piece);
                    }
                }
            } finally {
                context.stop();
            }
        }
    }
}
