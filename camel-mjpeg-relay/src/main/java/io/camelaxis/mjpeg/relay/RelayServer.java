package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.impl.bootstrap.AsyncServerBootstrap;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.http.nio.AsyncServerExchangeHandler;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.ResponseChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ListenerEndpoint;
import org.apache.hc.core5.util.TimeValue;

/**
 * The relay's non-blocking HTTP server (Apache HttpCore 5 async, a couple of I/O threads for any number of viewers),
 * shared by every {@code mjpeg-relay} endpoint on the same port.
 *
 * <pre>
 * GET /                              the live page: a grid of every relayed camera
 * GET /status                        JSON: viewers, fps in/out, frames, drops per viewer
 * GET /cameras/{name}/stream[?fps=N] multipart/x-mixed-replace MJPEG
 * GET /cameras/{name}/snapshot.jpg   the latest JPEG
 * </pre>
 */
final class RelayServer {

    private final String bindAddress;
    private final int requestedPort;
    private final String username;
    private final String password;
    private final Map<String, RelayChannel> channels = new ConcurrentHashMap<>();
    private final byte[] page;
    private HttpAsyncServer server;
    private int port;

    RelayServer(String bindAddress, int port, String username, String password) {
        this.bindAddress = bindAddress;
        this.requestedPort = port;
        this.username = username;
        this.password = password;
        this.page = loadPage();
    }

    static String streamPath(String name) {
        return "/cameras/" + name + "/stream";
    }

    static String snapshotPath(String name) {
        return "/cameras/" + name + "/snapshot.jpg";
    }

    synchronized void start(int ioThreads) throws IOException {
        if (server != null) {
            return;
        }
        server = AsyncServerBootstrap.bootstrap()
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(ioThreads)
                        .setSoReuseAddress(true)
                        .setTcpNoDelay(true)
                        .build())
                // every request, whatever Host it names (viewers use the machine's address), goes to Dispatch
                .setRequestRouter((request, context) -> Dispatch::new)
                .create();
        server.start();
        try {
            ListenerEndpoint endpoint = server.listen(new InetSocketAddress(bindAddress, requestedPort), URIScheme.HTTP)
                    .get(10, TimeUnit.SECONDS);
            port = ((InetSocketAddress) endpoint.getAddress()).getPort();
        } catch (Exception e) {
            server.close(CloseMode.IMMEDIATE);
            server = null;
            throw new IOException("mjpeg-relay cannot listen on " + bindAddress + ":" + requestedPort + ": " + e, e);
        }
    }

    synchronized void stop() {
        if (server != null) {
            server.close(CloseMode.IMMEDIATE);
            try {
                server.awaitShutdown(TimeValue.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    int port() {
        return port;
    }

    boolean credentialsMatch(String user, String pass) {
        return Objects.equals(username, user) && Objects.equals(password, pass);
    }

    RelayChannel channel(String name, int maxViewers) {
        return channels.computeIfAbsent(name, n -> new RelayChannel(n, maxViewers));
    }

    void removeChannel(String name) {
        channels.remove(name);
    }

    boolean isEmpty() {
        return channels.isEmpty();
    }

    private AsyncServerExchangeHandler route(HttpRequest request, HttpContext context) {
        if (username != null && !authorized(request)) {
            return new FixedResponse(401, ContentType.TEXT_PLAIN, "login required\n".getBytes(StandardCharsets.UTF_8),
                    Map.of("WWW-Authenticate", "Basic realm=\"mjpeg-relay\""));
        }
        String target = request.getPath();
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Map<String, String> query = query(q < 0 ? "" : target.substring(q + 1));
        if (path.equals("/") || path.equals("/index.html")) {
            return new FixedResponse(200, ContentType.TEXT_HTML.withCharset(StandardCharsets.UTF_8), page(), Map.of());
        }
        if (path.equals("/status")) {
            return new FixedResponse(200, ContentType.APPLICATION_JSON,
                    RelayStatusJson.render(channels.values()).getBytes(StandardCharsets.UTF_8),
                    Map.of("Access-Control-Allow-Origin", "*"));
        }
        String[] parts = path.split("/");
        if (parts.length == 4 && parts[1].equals("cameras")) {
            RelayChannel channel = channels.get(parts[2]);
            if (channel == null) {
                return FixedResponse.text(404, "no camera '" + parts[2] + "' on this relay; see /status");
            }
            if (parts[3].equals("stream")) {
                if (!channel.hasRoom()) {
                    channel.refused();
                    return FixedResponse.text(503, "camera '" + channel.name() + "' has its maximum of "
                                                   + channel.maxViewers() + " viewers");
                }
                int fps = parseInt(query.get("fps"));
                return new ViewerStream(channel, fps, remote(context));
            }
            if (parts[3].equals("snapshot.jpg")) {
                RelayFrame latest = channel.latest();
                return latest == null
                        ? FixedResponse.text(503, "no frame from camera '" + channel.name() + "' yet")
                        : new FixedResponse(200, ContentType.IMAGE_JPEG, latest.jpeg(), Map.of());
            }
        }
        return FixedResponse.text(404, "not found: " + path + " (try /, /status, /cameras/{name}/stream)");
    }

    private boolean authorized(HttpRequest request) {
        Header header = request.getFirstHeader("Authorization");
        if (header == null || !header.getValue().regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.getValue().substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && credentialsMatch(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String remote(HttpContext context) {
        var details = HttpCoreContext.cast(context).getEndpointDetails();
        return details == null ? "?" : String.valueOf(details.getRemoteAddress());
    }

    private static int parseInt(String value) {
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, String> query(String query) {
        Map<String, String> params = new java.util.HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /**
     * The page with a tile per camera already in it, so the images start loading with the page (camera names are
     * restricted to URL-safe characters, nothing to escape).
     */
    private byte[] page() {
        StringBuilder tiles = new StringBuilder();
        channels.keySet().stream().sorted().forEach(name -> tiles.append("<figure id=\"camera-").append(name)
                .append("\" data-name=\"").append(name).append("\"><img alt=\"").append(name).append("\" src=\"")
                .append(streamPath(name).substring(1)).append("\"><figcaption><strong>").append(name)
                .append("</strong><span class=\"stats\"></span></figcaption></figure>"));
        return new String(page, StandardCharsets.UTF_8).replace("<!--CAMERAS-->", tiles)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] loadPage() {
        try (InputStream in = RelayServer.class.getResourceAsStream("index.html")) {
            return Objects.requireNonNull(in, "relay page missing").readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Picks the handler once the request line is known, then forwards everything to it. */
    private final class Dispatch implements AsyncServerExchangeHandler {
        private AsyncServerExchangeHandler delegate;

        @Override
        public void handleRequest(HttpRequest request, EntityDetails entityDetails, ResponseChannel responseChannel,
                                  HttpContext context) throws HttpException, IOException {
            delegate = route(request, context);
            delegate.handleRequest(request, entityDetails, responseChannel, context);
        }

        @Override
        public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
            if (delegate != null) {
                delegate.updateCapacity(capacityChannel);
            } else {
                capacityChannel.update(Integer.MAX_VALUE);
            }
        }

        @Override
        public void consume(ByteBuffer src) throws IOException {
            if (delegate != null) {
                delegate.consume(src);
            }
        }

        @Override
        public void streamEnd(List<? extends Header> trailers) throws HttpException, IOException {
            if (delegate != null) {
                delegate.streamEnd(trailers);
            }
        }

        @Override
        public int available() {
            return delegate == null ? 0 : delegate.available();
        }

        @Override
        public void produce(DataStreamChannel channel) throws IOException {
            if (delegate != null) {
                delegate.produce(channel);
            }
        }

        @Override
        public void failed(Exception cause) {
            if (delegate != null) {
                delegate.failed(cause);
            }
        }

        @Override
        public void releaseResources() {
            if (delegate != null) {
                delegate.releaseResources();
            }
        }
    }
}
