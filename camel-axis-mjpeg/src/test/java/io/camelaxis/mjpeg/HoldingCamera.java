package io.camelaxis.mjpeg;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A "camera" that reads each request, writes a fixed prefix (nothing, a response head, half a frame...) and then
 * holds the connection open without another byte until the client closes it. It counts the connections the client
 * closed, which is what a real camera's viewer slots see: a consumer that forgets a connection keeps a slot.
 */
final class HoldingCamera implements AutoCloseable {

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final byte[] prefix;
    private final boolean readsRequest;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    HoldingCamera(byte[] prefix) throws IOException {
        this(prefix, true);
    }

    /**
     * With {@code readsRequest} false nothing is written: whatever the client sends (a TLS ClientHello) is read and
     * left unanswered, a handshake that stalls.
     */
    HoldingCamera(byte[] prefix, boolean readsRequest) throws IOException {
        this.prefix = prefix;
        this.readsRequest = readsRequest;
        Thread acceptor = new Thread(this::accept, "holding-camera-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String hostAndPort() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Connections accepted. */
    int accepted() {
        return accepted.get();
    }

    /** Requests read completely. */
    int requests() {
        return requests.get();
    }

    /** Connections the client closed (end of stream or reset seen by this side). */
    int closedByClient() {
        return closedByClient.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                accepted.incrementAndGet();
                Thread t = new Thread(() -> hold(s), "holding-camera-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void hold(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            if (readsRequest) {
                int matched = 0;
                int c;
                while (matched < 4 && (c = in.read()) >= 0) { // up to the blank line ending the request head
                    matched = c == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : c == '\r' ? 1 : 0;
                }
                requests.incrementAndGet();
                s.getOutputStream().write(prefix);
                s.getOutputStream().flush();
            }
            while (in.read() >= 0) {
                // a client sends nothing more on a GET; wait for its close
            }
            closedByClient.incrementAndGet();
        } catch (IOException e) {
            if (!server.isClosed()) {
                closedByClient.incrementAndGet(); // a reset: closed by the client as well
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
