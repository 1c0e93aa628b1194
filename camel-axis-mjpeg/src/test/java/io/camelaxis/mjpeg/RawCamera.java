package io.camelaxis.mjpeg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

/**
 * A "camera" on a loopback server socket that answers each request with exactly the bytes a test chooses, for the
 * answers the simulator is too well-behaved to give. One thread per connection; {@link #close()} ends them all.
 */
final class RawCamera implements AutoCloseable {

    /** What to write on one connection, after its request head was read. */
    @FunctionalInterface
    interface Answer {
        void write(OutputStream out, int connection) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Answer answer;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private final List<String> requestHeads = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private final boolean readsRequest;
    private final boolean holdsUntilClientCloses;
    private final boolean noDelay;

    RawCamera(Answer answer) throws IOException {
        this(answer, true);
    }

    /** With {@code readsRequest} false the answer is written as soon as the connection is accepted. */
    RawCamera(Answer answer, boolean readsRequest) throws IOException {
        this(answer, readsRequest, false);
    }

    private RawCamera(Answer answer, boolean readsRequest, boolean holdsUntilClientCloses) throws IOException {
        this(listening(null), answer, readsRequest, holdsUntilClientCloses, false);
    }

    private RawCamera(ServerSocket server, Answer answer, boolean readsRequest, boolean holdsUntilClientCloses,
                      boolean noDelay) {
        this.noDelay = noDelay;
        this.server = server;
        this.answer = answer;
        this.readsRequest = readsRequest;
        this.holdsUntilClientCloses = holdsUntilClientCloses;
        this.acceptor = new Thread(this::accept, "raw-camera-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * A camera that reads each request, writes {@code prefix} (nothing, a response head, half a frame...) and then
     * holds the connection without another byte until the client closes it, counted in {@link #closedByClient}: what a
     * real camera's viewer slots see, where a consumer that forgets a connection keeps a slot.
     */
    static RawCamera holding(byte[] prefix) throws IOException {
        return new RawCamera((out, connection) -> out.write(prefix), true, true);
    }

    /** A camera that answers over TLS (server context {@code tls}): the answer is written after the handshake. */
    static RawCamera tls(SSLContext tls, Answer answer) throws IOException {
        return new RawCamera(listening(tls), answer, true, false, false);
    }

    /**
     * A camera whose every flush goes out at once in its own segment (TCP_NODELAY), over TLS when {@code tls} is not
     * null: an answer written a few bytes at a time reaches the client in as many reads.
     */
    static RawCamera noDelay(SSLContext tls, Answer answer) throws IOException {
        return new RawCamera(listening(tls), answer, true, false, true);
    }

    /** A server socket on a free loopback port, over TLS when {@code tls} is not null. */
    private static ServerSocket listening(SSLContext tls) throws IOException {
        return tls == null ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
                : tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    /** A camera that reads what the client sends (a TLS ClientHello) and never answers: a handshake that stalls. */
    static RawCamera silent() throws IOException {
        return new RawCamera((out, connection) -> { }, false, true);
    }

    String hostAndPort() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** Connections the client closed: a write failed on them, or (holding) the client's end of stream or reset. */
    int closedByClient() {
        return closedByClient.get();
    }

    List<String> requestHeads() {
        return requestHeads;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                int n = connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s, n), "raw-camera-" + n);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int n) {
        try (s) {
            if (noDelay) {
                s.setTcpNoDelay(true);
            }
            if (readsRequest) {
                requestHeads.add(readHead(s.getInputStream()));
            }
            answer.write(s.getOutputStream(), n);
            s.getOutputStream().flush();
            if (holdsUntilClientCloses) {
                InputStream in = s.getInputStream();
                while (in.read() >= 0) {
                    // a client sends nothing more on a GET: wait for its close
                }
                closedByClient.incrementAndGet();
            }
        } catch (IOException e) {
            if (!server.isClosed()) {
                closedByClient.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
