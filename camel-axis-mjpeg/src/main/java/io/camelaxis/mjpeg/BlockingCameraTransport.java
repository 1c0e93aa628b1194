package io.camelaxis.mjpeg;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import io.camelaxis.mjpeg.parser.MultipartFrameParser;
import io.camelaxis.mjpeg.parser.StreamReader;
import org.apache.camel.CamelContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.io.CloseMode;

/**
 * Classic HttpClient 5 on one managed thread per camera ({@code AxisMjpegConsumer[<camera>]}): open, read into the
 * parser until the stream ends or breaks, ask the consumer what next, wait, repeat.
 */
final class BlockingCameraTransport implements CameraTransport {

    private final AxisMjpegConfiguration cfg;
    private final CamelContext camelContext;
    private final Object threadOwner;
    private final String cameraId;
    private final ConnectionEvents events;
    private final Object wakeUp = new Object();

    private volatile boolean running;
    private volatile boolean suspended;
    /** Counts suspends: an attempt that a suspend cut is no failure, even when the resume came before its end. */
    private final AtomicLong suspensions = new AtomicLong();
    private volatile HttpGet request;
    private volatile long connectionNumber;
    private volatile CameraException abortedWith;
    private CloseableHttpClient client;
    private HttpClientContext httpContext;
    private OwnThread thread;
    private final HostLookups hostLookups;

    BlockingCameraTransport(AxisMjpegConfiguration cfg, CamelContext camelContext, Object threadOwner,
                            String cameraId, ConnectionEvents events, HostLookups hostLookups) {
        this.cfg = cfg;
        this.hostLookups = hostLookups;
        this.camelContext = camelContext;
        this.threadOwner = threadOwner;
        this.cameraId = cameraId;
        this.events = events;
    }

    @Override
    public void start() throws Exception {
        client = CameraHttpClientFactory.createClassic(cfg, camelContext, hostLookups);
        httpContext = CameraHttpClientFactory.newContext(cfg); // kept: a reconnect reuses the Digest session
        running = true;
        thread = new OwnThread(camelContext, threadOwner, "AxisMjpegConsumer[" + cameraId + "]");
        thread.execute(this::readLoop);
    }

    @Override
    public void stop() {
        running = false;
        wake();
        abortConnection();
        if (thread != null) {
            try {
                thread.stop(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        if (client != null) {
            client.close(CloseMode.IMMEDIATE);
            client = null;
        }
    }

    @Override
    public void suspend() {
        suspended = true;
        suspensions.incrementAndGet(); // after the flag: a reader that sees the new count also sees the flag
        wake();
        abortConnection();
    }

    @Override
    public void resume() {
        suspended = false;
        wake();
    }

    @Override
    public void abort(long number, CameraException failure) {
        HttpGet r = request;
        if (number == connectionNumber && r != null) {
            abortedWith = failure;
            r.cancel(); // breaks a blocked read, and an attempt still waiting for its answer
        }
    }

    private void readLoop() {
        while (running) {
            long suspensionsBefore = suspensions.get();
            if (suspended) {
                awaitResume();
                continue;
            }
            long wait = events.backoffLeft();
            if (wait > 0) {
                pause(wait); // resumed during a wait the last failure decided (authFailureDelay, Retry-After)
                continue;
            }
            long framesBefore = events.framesReceived();
            CameraException failure;
            try {
                failure = streamOnce();
            } catch (Throwable t) {
                // whatever escaped the connection's own handling (building the request...): this thread must not
                // end silently, leaving a consumer that never connects and never says why
                failure = CameraResponses.unexpected(cameraId, t);
            }
            if (!running) {
                break;
            }
            if (suspended || suspensions.get() != suspensionsBefore) {
                continue; // cut by a suspend, perhaps resumed already: the loop waits or connects again, no failure
            }
            ReconnectPolicy.Decision decision = events.ended(failure, events.framesReceived() - framesBefore);
            if (decision.action() != ReconnectPolicy.Decision.Action.RETRY) {
                break;
            }
            pause(decision.delayMillis());
            if (running && !suspended) {
                events.reconnecting();
            }
        }
    }

    /** One connection, from request to end of stream. Returns null when the stream ended normally. */
    private CameraException streamOnce() {
        abortedWith = null;
        request = CameraConnection.request(cfg);
        if (!running || suspended) {
            request.cancel(); // a stop or suspend that came before this request existed: never send it
        }
        connectionNumber = events.connecting(); // from here on abort() may cancel the request
        CameraException failure = streamOnce(connectionNumber);
        CameraException aborted = abortedWith;
        request = null;
        return aborted != null ? aborted : failure; // the reason to abort beats the I/O error it caused
    }

    private CameraException streamOnce(long number) {
        MultipartFrameParser parser = null;
        CameraException failure;
        try (CameraConnection c = CameraConnection.open(client, httpContext, cfg, request)) {
            if (!running || suspended) {
                return null;
            }
            CameraException refused = CameraResponses.boundaryRefused(cfg, c.boundary());
            if (refused != null) {
                throw refused;
            }
            events.streaming();
            parser = new MultipartFrameParser(c.boundary(), cfg.getMaxFrameSize(), cfg.getJpegValidation(),
                    events.frames(number));
            StreamReader reader = new StreamReader(c.body(), parser, cfg.effectiveReadBufferSize());
            int n;
            while (running && !suspended && (n = reader.readOnce()) >= 0) {
                events.bytes(n);
                if (c.boundary() == null && parser.noBoundaryWithinLookAhead()) {
                    throw CameraResponses.noBoundary(cfg, c.contentType());
                }
            }
            failure = null;
        } catch (CameraException e) {
            failure = e;
        } catch (IOException e) {
            failure = CameraResponses.streamFailure(cfg, cameraId, e);
        } catch (Throwable t) {
            // an Error or a bug (parser, handler, route on this thread): drop this connection, never the thread
            failure = CameraResponses.unexpected(cameraId, t);
        }
        if (parser != null) {
            try {
                parser.endOfStream(); // a frame cut short is counted, never emitted
            } catch (Throwable t) {
                failure = failure != null ? failure : CameraResponses.unexpected(cameraId, t);
            }
        }
        return failure;
    }

    /** Waits up to {@code millis}, returning early when stopped or suspended. */
    private void pause(long millis) {
        long until = System.currentTimeMillis() + millis;
        synchronized (wakeUp) {
            long left;
            while (running && !suspended && (left = until - System.currentTimeMillis()) > 0) {
                try {
                    wakeUp.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void awaitResume() {
        synchronized (wakeUp) {
            while (running && suspended) {
                try {
                    wakeUp.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /**
     * Cancels the request in progress: a blocked read of the stream, and also an attempt still connecting (a camera
     * that does not answer the SYN) or waiting for its answer (one that accepted the connection and stays silent).
     * Aborting only an answered connection left such an attempt open until stallTimeout: a suspended consumer kept
     * the camera's viewer slot, a stop waited 5 s.
     */
    private void abortConnection() {
        HttpGet r = request;
        if (r != null) {
            r.cancel();
        }
    }
}
