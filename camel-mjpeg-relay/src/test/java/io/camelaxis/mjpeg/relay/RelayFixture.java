package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A real CamelContext with {@code direct:frames -> mjpeg-relay:...} on a port the system picks (port=0, read back
 * from the endpoint: no "find a free port, bind it later" race), and plain HTTP helpers against it.
 */
final class RelayFixture implements AutoCloseable {

    final CamelContext context;
    final MjpegRelayEndpoint endpoint;
    final ProducerTemplate frames;
    final int port;

    private RelayFixture(CamelContext context, MjpegRelayEndpoint endpoint) {
        this.context = context;
        this.endpoint = endpoint;
        this.frames = context.createProducerTemplate();
        this.port = endpoint.getServedPort();
    }

    /** Relays camera "gate" on 127.0.0.1 with the extra URI {@code options} ("&maxViewers=1"). */
    static RelayFixture start(String options) throws Exception {
        return start(new DefaultCamelContext(), "gate", options);
    }

    static RelayFixture start(CamelContext context, String name, String options) throws Exception {
        return start(context, name, "127.0.0.1", options);
    }

    /** Relays camera "gate" on {@code bindAddress} (a viewer from another network namespace needs "0.0.0.0"). */
    static RelayFixture startOn(String bindAddress, String options) throws Exception {
        return start(new DefaultCamelContext(), "gate", bindAddress, options);
    }

    private static RelayFixture start(CamelContext context, String name, String bindAddress, String options)
            throws Exception {
        MjpegRelayEndpoint endpoint = context.getEndpoint(
                "mjpeg-relay:camera?port=0&bindAddress=" + bindAddress + options, MjpegRelayEndpoint.class);
        endpoint.setName(name); // any text, even one a URI could not carry
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:frames").routeId("relay-in").to(endpoint);
            }
        });
        context.start();
        return new RelayFixture(context, endpoint);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void publish(byte[] jpeg) {
        frames.sendBody("direct:frames", jpeg);
    }

    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> name.equalsIgnoreCase(e.getKey()))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    Response get(String path) throws IOException {
        return get(path, Map.of());
    }

    Response get(String path, Map<String, String> requestHeaders) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url(path)).toURL().openConnection();
        requestHeaders.forEach(c::setRequestProperty);
        c.setReadTimeout(20_000);
        int status = c.getResponseCode();
        var in = status < 400 ? c.getInputStream() : c.getErrorStream();
        return new Response(status, c.getHeaderFields(), in == null ? new byte[0] : in.readAllBytes());
    }

    String status() throws IOException {
        return get("/status").text();
    }

    @Override
    public void close() {
        context.stop();
    }
}
