package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelaxis.mjpeg.parser.JpegValidation;
import io.camelaxis.mjpeg.parser.MultipartBoundary;
import io.camelaxis.mjpeg.parser.MultipartFrameParser;

/** A test viewer: reads a relay stream on its own thread and parses it with the project's parser. */
final class Viewer implements AutoCloseable {

    final List<byte[]> frames = new CopyOnWriteArrayList<>();
    final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final HttpURLConnection connection;
    private final Thread reader;
    private volatile int corrupt;

    Viewer(String url) throws IOException {
        connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setReadTimeout(30_000);
        int status = connection.getResponseCode();
        if (status != 200) {
            throw new IOException("HTTP " + status);
        }
        String boundary = MultipartBoundary.fromContentType(connection.getContentType());
        InputStream in = connection.getInputStream();
        MultipartFrameParser parser = new MultipartFrameParser(boundary, 1 << 22, JpegValidation.structure,
                new io.camelaxis.mjpeg.parser.FrameHandler() {
                    @Override
                    public void onFrame(byte[] jpeg) {
                        frames.add(jpeg);
                        arrivals.add(System.nanoTime());
                    }

                    @Override
                    public void onDiscard(io.camelaxis.mjpeg.parser.DiscardReason reason, long bytes) {
                        corrupt++;
                    }
                });
        reader = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    parser.feed(buffer, 0, n);
                }
            } catch (IOException e) {
                // closed
            }
        }, "test-viewer");
        reader.setDaemon(true);
        reader.start();
    }

    int corrupt() {
        return corrupt;
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
