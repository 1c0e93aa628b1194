package io.camelaxis.mjpeg.examples;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-camera figures a video analytics consumer wants: frames, frame rate (over the camera's capture times), frames
 * missing from the numbering, and the end-to-end latency from the camera's capture time to the moment the frame was
 * read back from Kafka.
 */
public final class CameraFeedStats {

    /** The figures of one camera. */
    public record Report(String camera, long frames, double fps, long missingFrames, long latencyP50Millis,
                         long latencyP99Millis) {
        @Override
        public String toString() {
            return String.format("camera %s: %d frames, %.1f fps, %d missing, latency p50 %d ms, p99 %d ms",
                    camera, frames, fps, missingFrames, latencyP50Millis, latencyP99Millis);
        }
    }

    private static final class Feed {
        long frames;
        long firstCapture;
        long lastCapture;
        long lastNumber;
        long missing;
        long[] latencies = new long[1024];
        int latencyCount;
    }

    private final Map<String, Feed> feeds = new TreeMap<>();

    /**
     * Records one frame.
     *
     * @param captureTime when the camera took it (or when the consumer received it), epoch ms
     * @param readAt      when the analytics side read it, epoch ms
     */
    public synchronized void record(String camera, long frameNumber, long captureTime, long readAt) {
        Feed feed = feeds.computeIfAbsent(camera, c -> new Feed());
        if (feed.frames == 0) {
            feed.firstCapture = captureTime;
        } else if (frameNumber > feed.lastNumber + 1) {
            feed.missing += frameNumber - feed.lastNumber - 1;
        }
        feed.frames++;
        feed.lastCapture = Math.max(feed.lastCapture, captureTime);
        feed.lastNumber = Math.max(feed.lastNumber, frameNumber);
        if (feed.latencyCount == feed.latencies.length) {
            feed.latencies = Arrays.copyOf(feed.latencies, feed.latencies.length * 2);
        }
        feed.latencies[feed.latencyCount++] = Math.max(0, readAt - captureTime);
    }

    public synchronized Map<String, Report> reports() {
        Map<String, Report> reports = new TreeMap<>();
        feeds.forEach((camera, f) -> {
            long[] sorted = Arrays.copyOf(f.latencies, f.latencyCount);
            Arrays.sort(sorted);
            double seconds = (f.lastCapture - f.firstCapture) / 1000.0; // camera time: delivery bursts do not count
            double fps = f.frames > 1 && seconds > 0 ? (f.frames - 1) / seconds : 0;
            reports.put(camera, new Report(camera, f.frames, fps, f.missing, percentile(sorted, 50),
                    percentile(sorted, 99)));
        });
        return reports;
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
