package io.camelaxis.mjpeg;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import org.awaitility.Awaitility;

/** A route step that keeps every frame exchange it sees: body and headers. */
public final class FrameCollector implements Processor {

    /** One received frame. */
    public record Received(byte[] body, Map<String, Object> headers) {
        public long number() {
            return (Long) headers.get(AxisMjpegConstants.FRAME_NUMBER);
        }

        public long connection() {
            return (Long) headers.get(AxisMjpegConstants.CONNECTION_NUMBER);
        }
    }

    private final List<Received> frames = new CopyOnWriteArrayList<>();

    @Override
    public void process(Exchange exchange) {
        frames.add(new Received(exchange.getIn().getBody(byte[].class), Map.copyOf(exchange.getIn().getHeaders())));
    }

    public List<Received> frames() {
        return frames;
    }

    public int count() {
        return frames.size();
    }

    /** Waits until at least {@code n} frames arrived, then returns the first {@code n}. */
    public List<Received> await(int n, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> frames.size() >= n);
        return List.copyOf(frames).subList(0, n); // a snapshot: frames keep arriving
    }
}
