package io.camelaxis.mjpeg.examples;

import org.apache.camel.builder.RouteBuilder;

/**
 * One camera connection re-served to many viewers: {@code http://host:8090/} shows the live page,
 * {@code /cameras/<name>/stream} the MJPEG stream, {@code /cameras/<name>/snapshot.jpg} the latest frame and
 * {@code /status} the viewers and rates. With {@code onDemand} the camera is only connected while somebody watches.
 */
public class CameraRelayRoute extends RouteBuilder {

    private final String cameraUri;
    private final String name;
    private final int port;

    public CameraRelayRoute(String cameraUri, String name, int port) {
        this.cameraUri = cameraUri;
        this.name = name;
        this.port = port;
    }

    @Override
    public void configure() {
        from(cameraUri).routeId(RouteIds.of("relay", cameraUri))
                .to("mjpeg-relay:" + name + "?port=" + port + "&onDemand=true&linger=30000");
    }
}
