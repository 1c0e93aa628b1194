package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.ResponseChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * One viewer's endless {@code multipart/x-mixed-replace} response, written without blocking by the I/O reactor.
 *
 * <p>
 * A viewer holds at most two frames: the one being written ({@code current}) and the newest one waiting
 * ({@code pending}). When a new frame arrives while one is still waiting, the waiting one is dropped (counted) and
 * replaced: a slow viewer skips whole frames, never gets a cut one, and never slows the others. With {@code ?fps=N}
 * frames closer than 1/N s to the last one taken are skipped (counted apart from drops: the viewer asked for it).
 */
final class ViewerStream extends ResponseOnlyHandler {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final RelayChannel channel;
    private final long minIntervalNanos;
    private final int id = IDS.incrementAndGet();
    private final String remote;
    private final TrackedConnection connection;

    private DataStreamChannel output;
    private ByteBuffer current;
    private RelayFrame pending;
    private boolean tookAFrame;
    private long lastTakenNanos;
    private long framesSkipped;
    private long framesSent;
    private long framesDropped;
    private long bytesSent;
    private boolean closed;

    ViewerStream(RelayChannel channel, int maxFps, String remote, TrackedConnection connection) {
        this.channel = channel;
        this.minIntervalNanos = maxFps > 0 ? 1_000_000_000L / maxFps : 0;
        this.remote = remote;
        this.connection = connection;
        // a viewer dropped for not reading is counted on its camera
        connection.onWriteTimeout(channel::viewerTimedOut);
    }

    @Override
    public void handleRequest(HttpRequest request, EntityDetails entityDetails, ResponseChannel responseChannel,
                              HttpContext context) throws HttpException, IOException {
        BasicHttpResponse response = new BasicHttpResponse(200);
        response.addHeader("Cache-Control", "no-cache, no-store");
        response.addHeader("Pragma", "no-cache");
        responseChannel.sendResponse(response, new RelayHeaders.EndlessBody(
                ContentType.parse("multipart/x-mixed-replace; boundary=" + RelayFrame.BOUNDARY)), context);
        RelayFrame latest = channel.latest();
        if (latest != null) {
            offer(latest); // a new viewer sees the latest frame at once
        }
    }

    /** Called by the publishing thread for every new frame. */
    void offer(RelayFrame frame) {
        DataStreamChannel out;
        synchronized (this) {
            if (closed) {
                return;
            }
            // a flag, not lastTakenNanos == 0: any long, 0 included, is a valid System.nanoTime()
            if (minIntervalNanos > 0 && tookAFrame && frame.publishedAtNanos() - lastTakenNanos < minIntervalNanos) {
                framesSkipped++; // the viewer asked for a lower frame rate
                return;
            }
            tookAFrame = true;
            lastTakenNanos = frame.publishedAtNanos();
            if (pending != null) {
                framesDropped++;
                channel.frameDropped();
            }
            pending = frame;
            connection.outputWaiting(); // the write clock runs until the client takes bytes
            out = output;
        }
        if (out != null) {
            out.requestOutput();
        }
    }

    @Override
    public int available() {
        synchronized (this) {
            return current != null ? current.remaining() : pending != null ? Integer.MAX_VALUE : 0;
        }
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        synchronized (this) {
            output = channel;
            boolean progressed = false;
            while (true) {
                if (current == null) {
                    if (pending == null) {
                        break;
                    }
                    current = pending.part();
                    pending = null;
                }
                int n = channel.write(current);
                bytesSent += n;
                progressed |= n > 0;
                if (current.hasRemaining()) {
                    break; // socket buffer full: the reactor calls again when it drains
                }
                current = null;
                framesSent++;
                this.channel.frameSent();
            }
            boolean waiting = current != null || pending != null;
            if (progressed || !waiting) {
                connection.outputProgress(waiting);
            }
        }
    }

    @Override
    public void failed(Exception cause) {
        releaseResources();
    }

    @Override
    public void releaseResources() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            current = null;
            pending = null;
        }
        channel.leave(this);
    }

    /** A status snapshot of this viewer. */
    synchronized ViewerStatus status() {
        int waiting = (current != null ? 1 : 0) + (pending != null ? 1 : 0);
        return new ViewerStatus(id, remote, framesSent, framesDropped, framesSkipped, waiting, bytesSent,
                minIntervalNanos > 0 ? (int) (1_000_000_000L / minIntervalNanos) : 0);
    }

    /**
     * While the viewer is open, every frame offered to it is exactly one of: sent, dropped (replaced while waiting),
     * skipped ({@code ?fps=N}) or waiting (being written or next in line, at most two).
     */
    record ViewerStatus(int id, String remote, long framesSent, long framesDropped, long framesSkipped,
                        int framesWaiting, long bytesSent, int maxFps) {
    }
}
