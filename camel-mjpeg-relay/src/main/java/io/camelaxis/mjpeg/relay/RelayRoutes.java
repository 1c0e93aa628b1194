package io.camelaxis.mjpeg.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.impl.routing.RequestRouter;
import org.apache.hc.core5.http.nio.AsyncServerExchangeHandler;
import org.apache.hc.core5.http.nio.HandlerFactory;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.protocol.UriPatternType;

/**
 * Answers each request of a relay port once its head has arrived: the method (GET only, else 405), the login (401,
 * or 429 while the client is blocked), the path and query (400 for a malformed escape), then HttpCore's
 * {@link RequestRouter} picks the route, whatever Host the request names.
 *
 * <pre>
 * GET /                              the live page: a grid of every relayed camera
 * GET /status                        JSON: viewers, fps in/out, frames, drops per viewer
 * GET /cameras/{name}/stream[?fps=N] multipart/x-mixed-replace MJPEG
 * GET /cameras/{name}/snapshot.jpg   the latest JPEG
 * </pre>
 */
final class RelayRoutes implements HandlerFactory<AsyncServerExchangeHandler> {

    /** One page of the relay. */
    @FunctionalInterface
    private interface Route {
        AsyncServerExchangeHandler answer(Request request) throws PercentCoding.MalformedException;
    }

    /** A request with its decoded parts and where it came from. */
    private record Request(String path, Map<String, String> query, TrackedConnection connection, String remote) {
    }

    private final RelayServer relay;
    private final ServerSettings settings;
    private final BasicLogin login;
    private final RelayPage page = new RelayPage();
    private final RequestRouter<Route> router;
    private final AtomicLong badRequests = new AtomicLong();

    RelayRoutes(RelayServer relay, ServerSettings settings) {
        this.relay = relay;
        this.settings = settings;
        this.login = settings.loginRequired() ? new BasicLogin(settings, relay::port) : null;
        this.router = RequestRouter.<Route>builder(UriPatternType.URI_PATTERN)
                .addRoute(RequestRouter.LOCAL_AUTHORITY, "/", this::page)
                .addRoute(RequestRouter.LOCAL_AUTHORITY, "/index.html", this::page)
                .addRoute(RequestRouter.LOCAL_AUTHORITY, "/status", this::status)
                .addRoute(RequestRouter.LOCAL_AUTHORITY, "/cameras/*", this::camera)
                // viewers reach the relay by any of the machine's names and addresses
                .resolveAuthority(RequestRouter.LOCAL_AUTHORITY_RESOLVER)
                .build();
    }

    /** The path {@link #camera} answers with a camera's stream; the page, the status and the producer link it. */
    static String streamPath(String name) {
        return "/cameras/" + PercentCoding.encodeSegment(name) + "/stream";
    }

    static String snapshotPath(String name) {
        return "/cameras/" + PercentCoding.encodeSegment(name) + "/snapshot.jpg";
    }

    @Override
    public AsyncServerExchangeHandler create(HttpRequest request, HttpContext context) {
        TrackedConnection connection = relay.guard().connectionOf(context);
        SocketAddress remote = remoteOf(context);
        InetAddress client = remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (!"GET".equals(request.getMethod())) {
            // closing after the answer: a request body the relay will never read cannot hold the connection
            return FixedResponse.text(405, "method not allowed: the relay is read-only",
                    Map.of("Allow", "GET", "Connection", "close"), connection);
        }
        if (hasBody(request)) {
            badRequests.incrementAndGet();
            return FixedResponse.text(400, "bad request: a GET request carries no body",
                    Map.of("Connection", "close"), connection);
        }
        if (login != null) {
            switch (login.check(request, client)) {
                case MISSING, DENIED -> {
                    return FixedResponse.text(401, "login required",
                            Map.of("WWW-Authenticate", "Basic realm=\"mjpeg-relay\", charset=\"UTF-8\""), connection);
                }
                case BLOCKED -> {
                    return FixedResponse.text(429, "too many failed logins from your address: try again later",
                            Map.of("Retry-After", String.valueOf(login.retryAfterSeconds(client))), connection);
                }
                case ALLOWED -> {
                }
            }
        }
        String target = request.getPath() == null ? "/" : request.getPath();
        int q = target.indexOf('?');
        try {
            Map<String, String> query = PercentCoding.query(q < 0 ? "" : target.substring(q + 1));
            Route route = router.resolve(request, context);
            String path = q < 0 ? target : target.substring(0, q);
            if (route == null) {
                return FixedResponse.text(404, "not found (try /, /status, /cameras/{name}/stream)", connection);
            }
            return route.answer(new Request(path, query, connection, String.valueOf(remote)));
        } catch (PercentCoding.MalformedException e) {
            badRequests.incrementAndGet();
            return FixedResponse.text(400, "bad request: " + e.getMessage(), connection);
        } catch (org.apache.hc.core5.http.HttpException e) {
            badRequests.incrementAndGet();
            return FixedResponse.text(400, "bad request", connection);
        }
    }

    private AsyncServerExchangeHandler page(Request request) {
        return new FixedResponse(200, ContentType.TEXT_HTML.withCharset(StandardCharsets.UTF_8),
                page.render(relay.channelNames()), Map.of("Content-Security-Policy", page.contentSecurityPolicy()),
                request.connection());
    }

    private AsyncServerExchangeHandler status(Request request) {
        return new FixedResponse(200, ContentType.APPLICATION_JSON,
                RelayStatusJson.render(relay.channels(), settings.statusViewerAddresses())
                        .getBytes(StandardCharsets.UTF_8),
                Map.of(), request.connection());
    }

    /** {@code /cameras/{name}/stream} and {@code /cameras/{name}/snapshot.jpg}; the name is percent-encoded. */
    private AsyncServerExchangeHandler camera(Request request) throws PercentCoding.MalformedException {
        String rest = request.path().substring("/cameras/".length());
        int slash = rest.lastIndexOf('/');
        if (slash <= 0) {
            return FixedResponse.text(404, "not found (try /cameras/{name}/stream)", request.connection());
        }
        String name = PercentCoding.decode(rest.substring(0, slash), false);
        String action = rest.substring(slash + 1);
        RelayChannel channel = relay.channel(name);
        if (channel == null) {
            // the name is not echoed: the answer is plain text, but nothing a client sent needs to come back
            return FixedResponse.text(404, "no such camera on this relay; see /status", request.connection());
        }
        return switch (action) {
            case "stream" -> stream(channel, request);
            case "snapshot.jpg" -> {
                RelayFrame latest = channel.latest();
                yield latest == null
                        ? FixedResponse.text(503, "no frame from this camera yet", request.connection())
                        : new FixedResponse(200, ContentType.IMAGE_JPEG, latest.jpeg(), Map.of(), request.connection());
            }
            default -> FixedResponse.text(404, "not found (try stream or snapshot.jpg)", request.connection());
        };
    }

    private AsyncServerExchangeHandler stream(RelayChannel channel, Request request) {
        Integer maxFps = maxFps(request.query().get("fps"));
        if (maxFps == null) {
            // was read as no limit at all: a viewer asking for fps=0.5 got every frame
            badRequests.incrementAndGet();
            return FixedResponse.text(400, "fps must be a whole number of frames per second, 0 for no limit",
                    request.connection());
        }
        if (!request.connection().claimStream()) {
            badRequests.incrementAndGet();
            return FixedResponse.text(400, "one stream per connection", Map.of("Connection", "close"),
                    request.connection());
        }
        ViewerStream viewer = new ViewerStream(channel, maxFps, request.remote(), request.connection());
        if (!channel.tryJoin(viewer)) {
            return FixedResponse.text(503, "this camera has its maximum of " + channel.maxViewers() + " viewers",
                    request.connection());
        }
        return viewer;
    }

    /** A request refused before it reached the routes (see {@link RefusedRequestHeads}). */
    void countBadRequest() {
        badRequests.incrementAndGet();
    }

    long badRequests() {
        return badRequests.get();
    }

    long failedLogins() {
        return login == null ? 0 : login.failedLogins();
    }

    long blockedLoginRequests() {
        return login == null ? 0 : login.blockedRequests();
    }

    long sharedThrottleFailures() {
        return login == null ? 0 : login.sharedThrottleFailures();
    }

    /** A body the relay would never read (some clients send Content-Length: 0 with a GET: no body). */
    private static boolean hasBody(HttpRequest request) {
        var length = request.getFirstHeader("Content-Length");
        return request.containsHeader("Transfer-Encoding")
               || length != null && !length.getValue().trim().chars().allMatch(c -> c == '0'); // 0, 00: no body
    }

    private static SocketAddress remoteOf(HttpContext context) {
        var details = HttpCoreContext.cast(context).getEndpointDetails();
        return details == null ? null : details.getRemoteAddress();
    }

    /** A viewer's {@code fps}: 0 (no limit) when absent or empty, null when it is no whole number from 0 up. */
    private static Integer maxFps(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        if (!value.chars().allMatch(c -> c >= '0' && c <= '9') || value.length() > 9) {
            return null;
        }
        return Integer.parseInt(value);
    }
}
