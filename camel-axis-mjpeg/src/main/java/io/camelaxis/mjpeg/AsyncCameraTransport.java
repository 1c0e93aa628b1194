package io.camelaxis.mjpeg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.camelaxis.mjpeg.parser.MultipartBoundary;
import io.camelaxis.mjpeg.parser.MultipartFrameParser;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
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

/**
 * HttpClient 5 async I/O: the response body arrives on a shared I/O thread and goes straight into the parser; frames
 * go to the route through the consumer's pooled dispatcher; reconnects are timers on the shared scheduler. No thread
 * belongs to one camera. With {@code backpressure=block}, reading pauses (no more capacity granted to the connection)
 * while the frame queue is full, so TCP flow control slows the camera as with the blocking transport.
 */
final class AsyncCameraTransport implements CameraTransport {

    private static final int WINDOW = 256 * 1024;

    private final AxisMjpegConfiguration cfg;
    private final String cameraId;
    private final Callbacks callbacks;
    private final AsyncResources resources;
    private final FrameDispatcher dispatcher;
    private final HttpHost host;
    private final String target;

    private volatile boolean running;
    private volatile boolean suspended;
    private volatile Future<Void> exchange;
    private volatile StreamConsumer stream;
    private ScheduledFuture<?> retry;
    private CloseableHttpAsyncClient client;
    private HttpClientContext httpContext;

    AsyncCameraTransport(AxisMjpegConfiguration cfg, String cameraId, Callbacks callbacks, AsyncResources resources,
                         FrameDispatcher dispatcher) {
        this.cfg = cfg;
        this.cameraId = cameraId;
        this.callbacks = callbacks;
        this.resources = resources;
        this.dispatcher = dispatcher;
        this.host = new HttpHost(cfg.isHttps() ? "https" : "http", cfg.getHost(), cfg.effectivePort());
        this.target = VapixVideoRequest.target(cfg);
        dispatcher.onRoom(this::roomInQueue);
    }

    @Override
    public void start() throws Exception {
        client = resources.client(cfg);
        httpContext = CameraHttpClientFactory.newContext(cfg);
        running = true;
        connect();
    }

    @Override
    public synchronized void stop() {
        running = false;
        cancelRetry();
        cancelExchange();
    }

    @Override
    public synchronized void suspend() {
        suspended = true;
        cancelRetry();
        cancelExchange();
    }

    @Override
    public void resume() {
        suspended = false;
        connect();
    }

    /** Synchronized with stop/suspend: a retry timer firing during a stop never leaves a connection behind. */
    private synchronized void connect() {
        if (!running || suspended) {
            return;
        }
        long connectionNumber = callbacks.connecting();
        long framesBefore = callbacks.framesReceived();
        StreamConsumer consumer = new StreamConsumer(connectionNumber);
        stream = consumer;
        exchange = client.execute(new BasicRequestProducer(Method.GET, host, target), consumer, httpContext,
                new FutureCallback<>() {
                    @Override
                    public void completed(Void result) {
                        endLater(consumer, null, framesBefore);
                    }

                    @Override
                    public void failed(Exception e) {
                        endLater(consumer, e, framesBefore);
                    }

                    @Override
                    public void cancelled() {
                        consumer.endOfStream();
                    }
                });
    }

    /** Off the I/O thread: reporting may run the route's error handler (bridgeErrorHandler). */
    private void endLater(StreamConsumer consumer, Exception cause, long framesBefore) {
        if (!running) {
            consumer.endOfStream();
            return;
        }
        try {
            resources.workers().execute(() -> ended(consumer, cause, framesBefore));
        } catch (RejectedExecutionException e) {
            consumer.endOfStream(); // the component is stopping
        }
    }

    private void ended(StreamConsumer consumer, Exception cause, long framesBefore) {
        consumer.endOfStream();
        if (!running || suspended) {
            return;
        }
        CameraException failure = cause == null ? null
                : cause instanceof CameraException ce ? ce
                : consumer.streaming ? CameraResponses.streamFailure(cfg, cameraId, cause)
                : CameraResponses.connectFailure(cfg, cause);
        ReconnectPolicy.Decision decision = callbacks.ended(failure, callbacks.framesReceived() > framesBefore);
        if (decision.action() == ReconnectPolicy.Decision.Action.RETRY) {
            synchronized (this) {
                if (running && !suspended) {
                    retry = resources.scheduler().schedule(() -> {
                        if (running && !suspended) {
                            callbacks.reconnecting();
                            connect();
                        }
                    }, decision.delayMillis(), TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    private void cancelExchange() {
        Future<Void> f = exchange;
        if (f != null) {
            f.cancel(true);
        }
    }

    /** The route drained the frame queue below its limit: read again if reading was paused. */
    private void roomInQueue() {
        StreamConsumer s = stream;
        if (s != null) {
            s.resumeReading();
        }
    }

    /** The response of one connection: checked, then streamed into a parser. */
    private final class StreamConsumer implements AsyncResponseConsumer<Void> {
        private final long connectionNumber;
        private volatile boolean streaming;
        private MultipartFrameParser parser;
        private byte[] scratch;
        private FutureCallback<Void> result;
        private ByteArrayOutputStream errorBody;
        private Runnable pendingFailure;
        private CapacityChannel capacity;
        private boolean paused;
        private boolean ended;

        StreamConsumer(long connectionNumber) {
            this.connectionNumber = connectionNumber;
        }

        @Override
        public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context,
                                    FutureCallback<Void> resultCallback) {
            this.result = resultCallback;
            String contentType = entity == null ? null : entity.getContentType();
            if (CameraResponses.isStream(response.getCode(), contentType)) {
                streaming = true;
                callbacks.streaming();
                parser = new MultipartFrameParser(MultipartBoundary.fromContentType(contentType),
                        cfg.getMaxFrameSize(), cfg.getJpegValidation(), callbacks.frames(connectionNumber));
                if (entity == null) {
                    resultCallback.completed(null);
                }
                return;
            }
            List<String> challenges = Arrays.stream(response.getHeaders(HttpHeaders.WWW_AUTHENTICATE))
                    .map(Header::getValue).toList();
            errorBody = new ByteArrayOutputStream();
            int status = response.getCode();
            String reason = response.getReasonPhrase();
            Runnable fail = () -> resultCallback.failed(CameraResponses.failure(cfg, target, status, reason,
                    challenges, contentType, errorBody::toByteArray));
            if (entity == null) {
                fail.run();
            } else {
                pendingFailure = fail;
            }
        }

        @Override
        public void informationResponse(HttpResponse response, HttpContext context) {
        }

        @Override
        public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
            synchronized (this) {
                capacity = capacityChannel;
                if (errorBody == null && !dispatcher.hasRoom()) {
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
        public void consume(ByteBuffer src) {
            int n = src.remaining();
            if (errorBody != null) {
                if (errorBody.size() < CameraResponses.MAX_ERROR_BODY) {
                    byte[] bytes = new byte[Math.min(n, CameraResponses.MAX_ERROR_BODY - errorBody.size())];
                    src.get(bytes);
                    errorBody.writeBytes(bytes);
                }
                src.position(src.limit());
                return;
            }
            callbacks.bytes(n);
            if (src.hasArray()) {
                parser.feed(src.array(), src.arrayOffset() + src.position(), n);
                src.position(src.limit());
            } else {
                if (scratch == null || scratch.length < n) {
                    scratch = new byte[Math.max(n, 64 * 1024)];
                }
                src.get(scratch, 0, n);
                parser.feed(scratch, 0, n);
            }
        }

        @Override
        public void streamEnd(List<? extends Header> trailers) {
            if (pendingFailure != null) {
                pendingFailure.run();
                return;
            }
            endOfStream();
            result.completed(null);
        }

        @Override
        public void failed(Exception cause) {
            endOfStream();
        }

        @Override
        public void releaseResources() {
        }

        /** A frame in progress is counted as truncated, once. */
        synchronized void endOfStream() {
            if (!ended && parser != null) {
                ended = true;
                parser.endOfStream();
            }
        }
    }
}
