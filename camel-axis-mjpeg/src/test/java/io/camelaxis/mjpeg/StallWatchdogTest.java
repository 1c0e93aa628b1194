package io.camelaxis.mjpeg;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watchdog's "no frame" rule against the reasons a stream may legitimately bring no frame: reading paused, and a
 * route that held the connection's async I/O thread (routeOnIoThread). After such a hold, the other cameras of that
 * thread have a backlog still unread: counted from the hold's end, not from their last frame before it.
 */
class StallWatchdogTest {

    private static final long NO_FRAME_TIMEOUT = 2000;

    /** A transport that only says what the watchdog asks and records the aborts. */
    private static final class ScriptedTransport implements CameraTransport {
        final List<CameraException> aborts = new ArrayList<>();
        boolean paused;
        long resumedAt;

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public void suspend() {
        }

        @Override
        public void resume() {
        }

        @Override
        public void abort(long connectionNumber, CameraException failure) {
            aborts.add(failure);
        }

        @Override
        public boolean isReadingPaused() {
            return paused;
        }

        @Override
        public long readingResumedAt() {
            return resumedAt;
        }
    }

    private static List<CameraException> checkStreamingFor(long millis, ScriptedTransport transport, long resumedAgo) {
        AxisMjpegConfiguration cfg = new AxisMjpegConfiguration();
        cfg.setHost("cam");
        cfg.setNoFrameTimeout(NO_FRAME_TIMEOUT);
        StallWatchdog watchdog = new StallWatchdog(cfg, "cam", new ConsumerStatistics(), new DeliveryTracker("cam"));
        watchdog.connecting(1);
        watchdog.streaming();
        long now = System.currentTimeMillis() + millis;
        if (resumedAgo >= 0) {
            transport.resumedAt = now - resumedAgo;
        }
        watchdog.check(now, () -> AxisMjpegConsumer.State.STREAMING, transport);
        return transport.aborts;
    }

    @Test
    void aStreamWithoutFramesIsAbortedAfterNoFrameTimeout() {
        List<CameraException> aborts = checkStreamingFor(NO_FRAME_TIMEOUT + 500, new ScriptedTransport(), -1);
        assertThat(aborts).singleElement().extracting(Throwable::getMessage).asString().contains("no frame");
    }

    @Test
    void notWhileReadingIsPaused() {
        ScriptedTransport transport = new ScriptedTransport();
        transport.paused = true;
        assertThat(checkStreamingFor(NO_FRAME_TIMEOUT + 500, transport, -1)).isEmpty();
    }

    @Test
    void countedFromTheEndOfARouteHoldingTheIoThread() {
        assertThat(checkStreamingFor(NO_FRAME_TIMEOUT + 500, new ScriptedTransport(), 100)).isEmpty();
        assertThat(checkStreamingFor(3 * NO_FRAME_TIMEOUT, new ScriptedTransport(), NO_FRAME_TIMEOUT + 500))
                .hasSize(1);
    }
}
