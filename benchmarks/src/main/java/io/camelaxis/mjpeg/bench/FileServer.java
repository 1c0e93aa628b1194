package io.camelaxis.mjpeg.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Serves MJPEG files over loopback HTTP as fast as the socket takes them, for the ingest-path comparison: any
 * {@code GET /NAME...} answers {@code multipart/x-mixed-replace; boundary=myboundary} and the file {@code DIR/NAME}
 * through {@link FileChannel#transferTo} (sendfile on Linux: no copy through the JVM), then closes. Every reader,
 * ours and the peers', reads the same bytes from the same server. {@code GET /repeat/N/NAME} sends the file N times
 * back to back (one stream: the files begin with a delimiter): long runs from one file in the page cache.
 *
 * <p>
 * Each answer ends with one line on standard output, {@code answered PATH SENT of WANTED bytes} (SENT short of WANTED
 * when the reader went away early) or {@code refused PATH}: the comparison checks every reader's run against it. A
 * client that sends no complete request head within 10 s is closed (refused).
 */
final class FileServer {

    private static final int MAX_REQUEST_HEAD = 8192;
    private static final int MAX_TIMES = 10_000;
    /** A client that has not sent its request head by then is closed: an idle connection keeps no thread for good. */
    private static final long REQUEST_HEAD_TIMEOUT_SECONDS = 10;
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "file-server-deadlines");
        t.setDaemon(true);
        return t;
    });

    /** What a request asks for: a file of the served directory, and how many times in a row. */
    private record Wanted(String name, int times) {
    }

    private FileServer() {
    }

    static void serve(Path dir, int port) throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            server.bind(new InetSocketAddress("127.0.0.1", port));
            System.out.println("serving " + dir + " on http://127.0.0.1:" + server.socket().getLocalPort() + "/");
            while (true) {
                SocketChannel client = server.accept();
                Thread thread = new Thread(() -> answer(dir, client), "file-server");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    private static void answer(Path dir, SocketChannel client) {
        String asked = "?";
        long sent = 0;
        long total = -1; // -1 until the request is known to name a served file
        try (client) {
            ScheduledFuture<?> deadline = DEADLINES.schedule(() -> closeQuietly(client), REQUEST_HEAD_TIMEOUT_SECONDS,
                    TimeUnit.SECONDS); // the read below then ends with an exception: "refused ?"
            Wanted wanted;
            try {
                wanted = wanted(client);
            } finally {
                deadline.cancel(false);
            }
            if (wanted != null) {
                asked = (wanted.times() > 1 ? "repeat/" + wanted.times() + "/" : "") + wanted.name();
            }
            Path file = wanted == null ? null : dir.resolve(wanted.name()).normalize();
            if (file == null || !file.startsWith(dir) || !file.toFile().isFile()) {
                write(client, "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n");
                return;
            }
            write(client, "HTTP/1.0 200 OK\r\nCache-Control: no-cache\r\nConnection: close\r\n"
                          + "Content-Type: multipart/x-mixed-replace; boundary=myboundary\r\n\r\n");
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = in.size();
                total = size * wanted.times();
                for (int time = 0; time < wanted.times(); time++) {
                    for (long at = 0; at < size; ) {
                        long n = in.transferTo(at, size - at, client);
                        at += n;
                        sent += n;
                    }
                }
            }
        } catch (IOException e) {
            // the reader went away: the line below says how far it got
        } finally {
            System.out.println(total < 0 ? "refused " + asked : "answered " + asked + " " + sent + " of " + total
                                                                + " bytes");
        }
    }

    /** The file of {@code GET /NAME?query HTTP/1.x} or {@code GET /repeat/N/NAME?query HTTP/1.x}, or null. */
    private static Wanted wanted(SocketChannel client) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(MAX_REQUEST_HEAD);
        while (head.hasRemaining()) {
            if (client.read(head) < 0) {
                return null;
            }
            String text = new String(head.array(), 0, head.position(), StandardCharsets.ISO_8859_1);
            if (text.contains("\r\n\r\n") || text.contains("\n\n")) {
                String[] requestLine = text.substring(0, text.indexOf('\n')).trim().split(" ");
                if (requestLine.length < 2 || !requestLine[1].startsWith("/")) {
                    return null;
                }
                String path = requestLine[1].substring(1);
                int query = path.indexOf('?');
                return repeated(query >= 0 ? path.substring(0, query) : path);
            }
        }
        return null;
    }

    /** {@code repeat/N/NAME} is NAME N times (1 to 10,000), anything else the file of that name once; null if bad. */
    private static Wanted repeated(String path) {
        if (!path.startsWith("repeat/")) {
            return new Wanted(path, 1);
        }
        int slash = path.indexOf('/', "repeat/".length());
        if (slash < 0) {
            return null;
        }
        try {
            int times = Integer.parseInt(path.substring("repeat/".length(), slash));
            return times < 1 || times > MAX_TIMES ? null : new Wanted(path.substring(slash + 1), times);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void closeQuietly(SocketChannel client) {
        try {
            client.close();
        } catch (IOException e) {
            // closed already
        }
    }

    private static void write(SocketChannel client, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
        while (bytes.hasRemaining()) {
            client.write(bytes);
        }
    }
}
