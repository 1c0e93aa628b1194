package io.camelaxis.mjpeg.examples;

import java.util.regex.Pattern;

/**
 * How the sink examples read the camera while their sink is slow or down: with {@code backpressure=dropOldest} and a
 * queue of {@link #QUEUE_SIZE} frames, so the reading thread never waits for the sink. The camera connection stays
 * up through an outage of any length, memory stays bounded (the queue plus the frame the sink is working on), and
 * every frame the queue had to give up is counted in the consumer's {@code DroppedFrames}. A camera URI that sets
 * {@code backpressure} itself is left as it is; one that sets only {@code queueSize} keeps its size.
 */
final class SinkBackpressure {

    /** 50 frames: two seconds at 25 fps, enough to ride out a slow first send or a broker's leader election. */
    static final int QUEUE_SIZE = 50;

    private SinkBackpressure() {
    }

    /** The camera URI with the sink defaults added where it does not set them. */
    static String apply(String cameraUri) {
        if (sets(cameraUri, "backpressure")) {
            return cameraUri;
        }
        String uri = add(cameraUri, "backpressure", "dropOldest");
        return sets(uri, "queueSize") ? uri : add(uri, "queueSize", Integer.toString(QUEUE_SIZE));
    }

    private static boolean sets(String uri, String option) {
        return Pattern.compile("[?&]" + option + "=").matcher(uri).find();
    }

    private static String add(String uri, String option, String value) {
        return uri + (uri.contains("?") ? "&" : "?") + option + "=" + value;
    }
}
