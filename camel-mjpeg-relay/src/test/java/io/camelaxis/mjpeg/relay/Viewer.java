package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelaxis.mjpeg.parser.JpegValidation;
import io.camelaxis.mjpeg.parser.MultipartBoundary;
import io.camelaxis.mjpeg.parser.MultipartFrameParser;

/**
 * A test viewer: reads a relay stream on its own thread and parses it with the project's parser. It speaks HTTP/1.0
 * over a plain socket, so the stream comes unchunked and {@link #close()} ends it at once (HttpURLConnection's
 * disconnect waits for its reader, which waits for the next frame or the read timeout).
 */
final class Viewer implements AutoCloseable {

    final List<byte[]> frames = new CopyOnWriteArrayList<>();
    final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final Socket socket;
    private final Thread reader;
    private volatile int corrupt;

    Viewer(String url) throws IOException {
        URI uri = URI.create(url);
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(30_000);
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + target + " HTTP/1.0\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        String statusLine = head.substring(0, head.indexOf("\r\n"));
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        if (status != 200) {
            socket.close();
            throw new IOException("HTTP " + status);
        }
        String contentType = null;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                contentType = line.substring("content-type:".length()).trim();
            }
        }
        String boundary = MultipartBoundary.fromContentType(contentType);
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

    /** The response head, byte by byte up to the blank line (so no body byte is taken from the parser). */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 16 * 1024) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the relay closed before the response head ended: " + head);
            }
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
        }
        throw new IOException("response head over 16 KB");
    }

    int corrupt() {
        return corrupt;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
