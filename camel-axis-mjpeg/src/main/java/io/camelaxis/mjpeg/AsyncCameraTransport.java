package io.camelaxis.mjpeg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.camelaxis.mjpeg.parser.MultipartBoundary;
import io.camelaxis.mjpeg.parser.MultipartFrameParser;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HttpClient 5 async I/O: the response body arrives on a shared I/O thread and goes straight into the parser; frames
 * go to the route through the consumer's pooled dispatcher; reconnects are timers on the shared scheduler. No thread
 * belongs to one camera. With {@code backpressure=block}, reading pauses (no more capacity granted to the connection)
 * while the frame queue is full, so TCP flow control slows the camera as with the blocking transport. With
 * {@code routeOnIoThread} the route runs on the I/O thread itself, without the hand-off; the time it holds the thread
 * is kept in {@link IoThreadHolds}, so cameras waiting for that thread are not taken for stalled.
 */
final class AsyncCameraTransport implements CameraTransport {

    private static final Logger LOG = LoggerFactory.getLogger(AxisMjpegConsumer.class);

    private static final int WINDOW = 256 * 1024;

    private final AxisMjpegConfiguration cfg;
    private final String cameraId;
    private final ConnectionEvents events;
    private final AsyncResources resources;
    private final FrameDispatcher dispatcher;
    private final HttpHost host;
    private final String target;
    private final boolean routeOnIoThread;

    private volatile boolean running;
    private volatile boolean suspended;
    private volatile Future<Void> responseFuture;
    private volatile StreamingResponse stream;
    private final ReadingPauses pauses = new ReadingPauses();
    private ScheduledFuture<?> retry;
    private CloseableHttpAsyncClient client;
    private HttpClientContext httpContext;

    AsyncCameraTransport(AxisMjpegConfiguration cfg, String cameraId, ConnectionEvents events,
                         AsyncResources resources, FrameDispatcher dispatcher) {
        this.cfg = cfg;
        this.cameraId = cameraId;
        this.events = events;
        this.resources = resources;
        this.dispatcher = dispatcher;
        this.host = new HttpHost(cfg.isHttps() ? "https" : "http", cfg.getHost(), cfg.effectivePort());
        this.target = VapixVideoRequest.target(cfg);
        this.routeOnIoThread = cfg.isRouteOnIoThread();
        dispatcher.onRoom(this::roomInQueue);
    }

    @Override
    public void start() throws Exception {
        client = resources.client(cfg);
        httpContext = CameraHttpClientFactory.newAsyncContext(cfg);
        running = true;
        connect();
    }

    @Override
    public synchronized void stop() {
        running = false;
        cancelRetry();
        cancelResponse();
    }

    @Override
    public synchronized void suspend() {
        suspended = true;
        cancelRetry();
        cancelResponse();
    }

    /** Synchronized with {@link #ended}'s check: the connection a suspend cancelled never counts after the resume. */
    @Override
    public synchronized void resume() {
        suspended = false;
        long wait = events.backoffLeft();
        if (running && wait > 0) {
            scheduleReconnect(wait); // the rest of the wait the last failure decided (authFailureDelay, Retry-After)
        } else {
            connect();
        }
    }

    /** Synchronized with stop/suspend: a retry timer firing during a stop never leaves a connection behind. */
    private synchronized void connect() {
        if (!running || suspended) {
            return;
        }
        long connectionNumber = events.connecting();
        long framesBefore = events.framesReceived();
        StreamingResponse response = new StreamingResponse(connectionNumber, AttemptEndpoint.newAttempt(httpContext));
        pauses.ended(stream); // a pause of the connection this one replaces counts no further, whenever it ends
        stream = response;
        responseFuture = null; // the previous connection's: an abort of this attempt must not cancel that one
        AuthChallengeLimit.newAttempt(httpContext);
        CompletableFuture<InetAddress[]> lookup = resources.hostLookups().lookup(cfg.getHost());
        if (lookup.isDone()) {
            execute(response, framesBefore); // an address, or an answer just looked up: HttpClient finds it at once
            return;
        }
        // HttpClient would look the host up on this thread, the component's one scheduler (or a caller's), which
        // every camera's timers and this transport's stop need: wait for the answer elsewhere, connectTimeout at most
        lookup.copy().orTimeout(cfg.getConnectTimeout(), TimeUnit.MILLISECONDS)
                .whenComplete((addresses, failure) -> lookedUp(response, framesBefore, failure));
    }

    /** On a lookup thread or the JDK's timer: nothing here waits. */
    private void lookedUp(StreamingResponse response, long framesBefore, Throwable failure) {
        if (failure != null) {
            endLater(response, HostLookups.failure(cfg.getHost(), failure, cfg.getConnectTimeout()), framesBefore);
            return;
        }
        try {
            resources.scheduler().execute(() -> executeIfCurrent(response, framesBefore));
        } catch (RuntimeException e) {
            endLater(response, e, framesBefore); // the component is stopping
        }
    }

    private synchronized void executeIfCurrent(StreamingResponse response, long framesBefore) {
        if (!running || suspended || response != stream) {
            return; // stopped, suspended or replaced while the host was looked up: nothing to open, nothing to report
        }
        if (response.abortedWith != null) {
            endLater(response, response.abortedWith, framesBefore); // the watchdog gave up on this attempt meanwhile
            return;
        }
        execute(response, framesBefore);
    }

    /** Called holding this transport's lock. */
    private void execute(StreamingResponse response, long framesBefore) {
        try {
            responseFuture = client.execute(new BasicRequestProducer(Method.GET, host, target), response,
                    httpContext,
                    new FutureCallback<>() {
                        @Override
                        public void completed(Void result) {
                            endLater(response, null, framesBefore);
                        }

                        @Override
                        public void failed(Exception e) {
                            endLater(response, e, framesBefore);
                        }

                        @Override
                        public void cancelled() {
                            CameraException aborted = response.abortedWith;
                            if (aborted != null) {
                                endLater(response, aborted, framesBefore); // abort(): a failure like any other
                            } else {
                                endLater(response, null, framesBefore); // stop or suspend: ended() does nothing
                            }
                        }
                    });
        } catch (RuntimeException e) {
            endLater(response, e, framesBefore); // a client closing under us: reported, retried if still running
        }
    }

    @Override
    public void abort(long connectionNumber, CameraException failure) {
        Future<Void> f;
        StreamingResponse s;
        synchronized (this) {
            s = stream;
            if (s == null || s.connectionNumber != connectionNumber) {
                return; // that connection has already ended
            }
            s.abortedWith = failure;
            s.closedByUs = true;
            f = responseFuture;
        }
        if (f != null) {
            f.cancel(true);
        }
        s.endpoint.discard();
    }

    /**
     * Off the I/O thread: reporting may run the route's error handler (bridgeErrorHandler). The parser is ended on
     * the worker too, under the connection's parser lock, so it never runs on two threads at once.
     */
    private void endLater(StreamingResponse response, Exception cause, long framesBefore) {
        try {
            resources.workers().execute(() -> ended(response, cause, framesBefore));
        } catch (RuntimeException e) {
            response.endOfStream(); // the component is stopping: count a frame cut short, nothing else
        }
    }

    private void ended(StreamingResponse response, Exception cause, long framesBefore) {
        CameraException parserFailure = response.endOfStream();
        pauses.ended(response);
        synchronized (this) {
            if (!running || suspended || response != stream) {
                // stopped, suspended, or a connection a suspend cancelled whose end comes after the resume opened
                // the next one: reporting it would count a failure and open a second connection beside the new one
                return;
            }
        }
        if (cause instanceof ConnectionClosedException && response.streaming && response.endsWithConnection) {
            // a stream without length or chunking ends where the connection does (RFC 9112 6.3): the camera's close
            // is its clean end, as the blocking transport reads it. HttpCore reports it as "Connection closed by peer"
            // about every other time after an interim 1xx answer: a finite stream was requested (and delivered) again
            cause = null;
        }
        CameraException failure = cause == null ? parserFailure
                : cause instanceof CameraException ce ? ce
                : response.streaming ? CameraResponses.streamFailure(cfg, cameraId, cause)
                : CameraResponses.connectFailure(cfg, cause, response.endpoint.connected());
        ReconnectPolicy.Decision decision = events.ended(failure, events.framesReceived() - framesBefore);
        if (decision.action() == ReconnectPolicy.Decision.Action.RETRY) {
            synchronized (this) {
                if (running && !suspended && response == stream) {
                    scheduleReconnect(decision.delayMillis());
                }
            }
        }
    }

    /** Called holding this transport's lock, with running and not suspended checked. */
    private void scheduleReconnect(long delayMillis) {
        try {
            retry = resources.scheduler().schedule(() -> {
                if (running && !suspended) {
                    events.reconnecting();
                    connect();
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // only when the component stops under us: said, never a camera silently left unconnected
            LOG.warn("Camera {}: reconnect not scheduled ({}); the component is stopping", cameraId, e.getMessage());
        }
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    private void cancelResponse() {
        StreamingResponse s = stream;
        pauses.ended(s); // stopped or suspended: the route is not what keeps this camera waiting from now on
        if (s != null) {
            s.closedByUs = true;
        }
        Future<Void> f = responseFuture;
        if (f != null) {
            f.cancel(true);
        }
        if (s != null) {
            s.endpoint.discard(); // the cancel alone leaves a connection waiting for its answer open
        }
    }

    /** The silence since the last read, less the time the connection's I/O thread was held by routes meanwhile. */
    @Override
    public long readIdleMillis(long now) {
        StreamingResponse s = stream;
        if (s == null || !s.streaming || s.paused) {
            return 0;
        }
        long heldAtRead = s.heldAtLastRead; // before lastReadAt: its writer's order, so a pair read never overstates
        long idle = now - s.lastReadAt;
        IoThreadHolds.Hold hold = s.readerHold;
        if (hold != null) {
            idle -= hold.heldTotal(now) - heldAtRead;
        }
        return Math.max(0, idle);
    }

    /** Paused for a full frame queue, or waiting while a route holds the connection's I/O thread. */
    @Override
    public boolean isReadingPaused() {
        StreamingResponse s = stream;
        if (s == null) {
            return false;
        }
        IoThreadHolds.Hold hold = s.readerHold;
        return s.paused || hold != null && hold.isHeld();
    }

    @Override
    public long readingPausedMillis() {
        return pauses.totalMillis();
    }

    @Override
    public long ioThreadHeldMillis(long now) {
        StreamingResponse s = stream;
        IoThreadHolds.Hold hold = s == null ? null : s.readerHold;
        return hold == null ? 0 : hold.heldTotal(now);
    }

    @Override
    public long readingResumedAt() {
        StreamingResponse s = stream;
        IoThreadHolds.Hold hold = s == null ? null : s.readerHold;
        return hold == null ? 0 : hold.lastLongHoldEndedAt();
    }

    /** The route drained the frame queue below its limit: read again if reading was paused. */
    private void roomInQueue() {
        StreamingResponse s = stream;
        if (s != null) {
            s.resumeReading();
        }
    }

    /**
     * The response of one connection: checked, then streamed into a parser. Every parser call (feed on the I/O
     * thread, end of stream on a worker) holds {@link #parserLock}, and nothing reaches the parser after its end: the
     * parser, which is not thread-safe, is used by one thread at a time by construction. Anything unexpected thrown
     * while parsing becomes an {@link IOException} of this exchange, which HttpClient turns into a failed exchange
     * (the connection is closed, the consumer reconnects) instead of an error that would kill the shared I/O reactor.
     */
    private final class StreamingResponse implements AsyncResponseConsumer<Void> {
        private final long connectionNumber;
        /** Closes this attempt's connection when stop, suspend or abort cancel it. */
        private final AttemptEndpoint endpoint;
        private final Object parserLock = new Object();
        private volatile boolean streaming;
        /** The stream answer declares neither a length nor chunking: its body ends with the connection. */
        private volatile boolean endsWithConnection;
        private volatile CameraException abortedWith;
        /**
         * Set when stop, suspend or abort cancel this exchange. Cancelling the future alone does not always close a
         * connection whose body keeps arriving (seen with a camera sending as fast as it can: such connections
         * stayed open until the camera refused new viewers), so the next read fails the exchange, which closes it.
         */
        private volatile boolean closedByUs;
        private MultipartFrameParser parser;
        private boolean declaredBoundary;
        private String contentType;
        private boolean ended;
        private byte[] scratch;
        private FutureCallback<Void> result;
        private ByteArrayOutputStream errorBody;
        /** The failure a non-stream answer means, reported once its body ended or {@code MAX_ERROR_BODY} arrived. */
        private Supplier<CameraException> pendingFailure;
        private CapacityChannel capacity;
        /** Reading paused for a full frame queue: read by the watchdog, which then does not count the silence. */
        private volatile boolean paused;
        /** When the stream last read bytes, began, or resumed reading (wall clock, as the watchdog's). */
        private volatile long lastReadAt;
        /** The I/O thread reading this connection (set by that thread), and its held total at the last read. */
        private volatile IoThreadHolds.Hold readerHold;
        private volatile long heldAtLastRead;
        /**
         * Counts the connection's read events that bring no body byte (I/O thread), from the head on; volatile: the
         * exchange's end may release it on another thread.
         */
        private volatile ReadEventsWithoutData.Watch readEvents;
        private boolean chunked;

        StreamingResponse(long connectionNumber, AttemptEndpoint endpoint) {
            this.connectionNumber = connectionNumber;
            this.endpoint = endpoint;
        }

        @Override
        public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context,
                                    FutureCallback<Void> resultCallback) throws IOException {
            this.result = resultCallback;
            chunked = response.containsHeader(HttpHeaders.TRANSFER_ENCODING);
            EndpointDetails connection = context instanceof HttpCoreContext core ? core.getEndpointDetails() : null;
            readEvents = resources.readEventsWithoutData().watch(connection, this::readEventsWithoutData);
            try {
                checkResponse(response, entity, resultCallback);
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw CameraResponses.unexpected(cameraId, t);
            }
        }

        private void checkResponse(HttpResponse response, EntityDetails entity, FutureCallback<Void> resultCallback)
                throws IOException {
            contentType = entity == null ? null : entity.getContentType();
            if (CameraResponses.isStream(response.getCode(), contentType)) {
                CameraException encoded = CameraResponses.encodingRefused(cfg,
                        entity == null ? null : entity.getContentEncoding());
                if (encoded != null) {
                    throw encoded;
                }
                String boundary = MultipartBoundary.fromContentType(contentType);
                CameraException refused = CameraResponses.boundaryRefused(cfg, boundary);
                if (refused != null) {
                    throw refused;
                }
                declaredBoundary = boundary != null;
                // (EntityDetails.isChunked() is also true for a body without length: the headers say it)
                endsWithConnection = entity != null && !response.containsHeader(HttpHeaders.TRANSFER_ENCODING)
                                     && !response.containsHeader(HttpHeaders.CONTENT_LENGTH);
                synchronized (parserLock) {
                    parser = new MultipartFrameParser(boundary, cfg.getMaxFrameSize(), cfg.getJpegValidation(),
                            events.frames(connectionNumber));
                }
                markRead(System.currentTimeMillis());
                streaming = true;
                events.streaming();
                if (entity == null) {
                    resultCallback.completed(null);
                }
                return;
            }
            errorBody = new ByteArrayOutputStream();
            boolean credentialsSent = AuthChallengeLimit.credentialsSent(httpContext);
            Supplier<CameraException> failure = () -> CameraResponses.failure(cfg, target, response, contentType,
                    credentialsSent, errorBody::toByteArray);
            if (entity == null) {
                resultCallback.failed(failure.get());
            } else {
                pendingFailure = failure;
            }
        }

        @Override
        public void informationResponse(HttpResponse response, HttpContext context) {
            // endless 1xx answers are ended by the consumer's watchdog (connectTimeout + stallTimeout)
        }

        @Override
        public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
            synchronized (this) {
                capacity = capacityChannel;
                if (errorBody == null && !dispatcher.hasRoom()) {
                    pauses.began(this);
                    paused = true; // the route is behind: let TCP flow control slow the camera
                    return;
                }
            }
            capacityChannel.update(WINDOW);
        }

        void resumeReading() {
            CapacityChannel channel;
            synchronized (this) {
                if (!paused || capacity == null) {
                    return;
                }
                lastReadAt = System.currentTimeMillis(); // the silence while paused was the route's
                pauses.ended(this);
                paused = false;
                channel = capacity;
            }
            try {
                channel.update(WINDOW);
            } catch (IOException e) {
                // the connection is gone; its failure is reported by the exchange
            }
        }

        @Override
        public void consume(ByteBuffer src) throws IOException {
            ReadEventsWithoutData.Watch watch = readEvents;
            if (watch != null) {
                watch.bodyRead();
            }
            if (closedByUs) {
                throw new IOException("connection closed by the consumer");
            }
            int n = src.remaining();
            if (errorBody != null) {
                if (errorBody.size() < CameraResponses.MAX_ERROR_BODY) {
                    byte[] bytes = new byte[Math.min(n, CameraResponses.MAX_ERROR_BODY - errorBody.size())];
                    src.get(bytes);
                    errorBody.writeBytes(bytes);
                }
                src.position(src.limit());
                if (errorBody.size() >= CameraResponses.MAX_ERROR_BODY && pendingFailure != null) {
                    // enough to say what the answer is; it may never end (another kind of stream, video/mp4...):
                    // fail the exchange now, which closes the connection, as the blocking transport does
                    CameraException failure = pendingFailure.get();
                    pendingFailure = null;
                    throw failure;
                }
                return;
            }
            long now = System.currentTimeMillis();
            IoThreadHolds.Hold hold = markRead(now);
            events.bytes(n);
            if (routeOnIoThread) {
                hold.begin(now); // the route runs in feed, on this thread: every camera it reads waits meanwhile
            }
            dispatcher.beginBatch(); // the frames this read completes wake the route's worker once
            try {
                if (src.hasArray()) {
                    feed(src.array(), src.arrayOffset() + src.position(), n);
                    src.position(src.limit());
                } else {
                    if (scratch == null || scratch.length < n) {
                        scratch = new byte[Math.max(n, 64 * 1024)];
                    }
                    src.get(scratch, 0, n);
                    feed(scratch, 0, n);
                }
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                // an Error or a bug on the shared I/O thread: fail this exchange only, never the reactor
                throw CameraResponses.unexpected(cameraId, t);
            } finally {
                dispatcher.endBatch();
                if (routeOnIoThread) {
                    long end = System.currentTimeMillis();
                    long held = hold.end(end);
                    if (held >= IoThreadHolds.LONG_HOLD_MILLIS) {
                        events.ioThreadHeld(held);
                    }
                    int busy = hold.busyPercentOfEndedWindow(end);
                    if (hold.busyWarningDue(busy, end)) {
                        events.ioThreadBusy(busy);
                    }
                }
            }
        }

        /** On the I/O thread: the stream read now; notes the thread's held total for {@link #readIdleMillis}. */
        private IoThreadHolds.Hold markRead(long now) {
            IoThreadHolds.Hold hold = readerHold;
            if (hold == null) {
                hold = resources.ioThreadHolds().current(); // a connection stays on one I/O thread
                readerHold = hold;
            }
            lastReadAt = now; // before heldAtLastRead: readIdleMillis reads them the other way round
            heldAtLastRead = hold.heldTotal(now);
            return hold;
        }

        private void feed(byte[] bytes, int offset, int length) throws CameraException {
            synchronized (parserLock) {
                if (ended) {
                    return; // the connection was stopped or aborted: these bytes are not wanted
                }
                parser.feed(bytes, offset, length);
                if (!declaredBoundary && parser.noBoundaryWithinLookAhead()) {
                    throw CameraResponses.noBoundary(cfg, contentType);
                }
            }
        }

        @Override
        public void streamEnd(List<? extends Header> trailers) {
            if (pendingFailure != null) {
                result.failed(pendingFailure.get());
                return;
            }
            result.completed(null); // the parser is ended with the connection, on a worker
        }

        @Override
        public void failed(Exception cause) {
            // reported through the exchange's callback; the parser is ended there
        }

        @Override
        public void releaseResources() {
            ReadEventsWithoutData.Watch watch = readEvents;
            if (watch != null) {
                watch.release();
            }
        }

        /**
         * On the I/O thread: the connection's read events keep coming and bring no body byte (HttpCore's chunk
         * decoder stuck on a negative chunk size: the thread spins on it, or over TLS piles the bytes up). Ended like
         * any broken stream, off this thread, as the watchdog ends a stalled one.
         */
        private void readEventsWithoutData(String what) {
            CameraException failure = CameraResponses.readEventsWithoutData(cfg, cameraId, what, chunked);
            try {
                resources.scheduler().execute(() -> abort(connectionNumber, failure));
            } catch (RuntimeException e) {
                // the component is stopping: its close ends the connection
            }
        }

        /**
         * Ends the parser once (a frame in progress is counted as truncated); returns what it threw, if anything.
         */
        CameraException endOfStream() {
            synchronized (parserLock) {
                if (ended || parser == null) {
                    ended = true;
                    return null;
                }
                ended = true;
                try {
                    parser.endOfStream();
                    return null;
                } catch (Throwable t) {
                    return CameraResponses.unexpected(cameraId, t);
                }
            }
        }
    }
}
