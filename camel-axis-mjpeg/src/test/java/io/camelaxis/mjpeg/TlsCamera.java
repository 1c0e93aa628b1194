package io.camelaxis.mjpeg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import static io.camelaxis.mjpeg.RawCamera.ascii;

/**
 * A camera over one TLS version that reads each request and then does what a test asks with the TLS connection itself
 * (start a handshake again, send key updates...) around the stream it sends, for what a well-behaved TLS server never
 * does. It never reads after the request, and takes in little (a small receive buffer): whatever the client writes
 * soon waits. One thread per connection; {@link #close()} ends them all.
 */
final class TlsCamera implements AutoCloseable {

    /**
     * What the camera sends on one connection once it read the request ({@link #STREAM_HEAD} first...): through TLS
     * on {@code out}, or bytes of its own choosing on {@code beneath}, the TCP connection under TLS.
     */
    @FunctionalInterface
    interface Conduct {
        void run(SSLSocket socket, OutputStream out, OutputStream beneath) throws IOException, InterruptedException;
    }

    static final byte[] STREAM_HEAD = ascii("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace;"
            + " boundary=frame\r\nConnection: close\r\n\r\n");

    private final ServerSocket server;
    private final SSLContext tls;
    private final String protocol;
    private final Conduct conduct;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** {@code protocol}: the one TLS version offered, "TLSv1.2" or "TLSv1.3". */
    TlsCamera(SSLContext tls, String protocol, Conduct conduct) throws IOException {
        this.server = new ServerSocket();
        server.setReceiveBufferSize(4096); // before bind: the accepted sockets take it
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.tls = tls;
        this.protocol = protocol;
        this.conduct = conduct;
        Thread acceptor = new Thread(this::accept, "tls-camera-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String hostAndPort() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** One multipart part holding {@code jpeg}. */
    static byte[] part(byte[] jpeg) {
        byte[] head = ascii("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n");
        byte[] part = new byte[head.length + jpeg.length + 2];
        System.arraycopy(head, 0, part, 0, head.length);
        System.arraycopy(jpeg, 0, part, head.length, jpeg.length);
        part[part.length - 2] = '\r';
        part[part.length - 1] = '\n';
        return part;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket plain = server.accept();
                plain.setSoLinger(true, 0); // a close never waits for a write of the camera's that the client left
                sockets.add(plain);
                Thread t = new Thread(() -> serve(plain), "tls-camera-" + connections.incrementAndGet());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket plain) {
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, true)) {
            s.setUseClientMode(false);
            s.setEnabledProtocols(new String[] {protocol});
            readHead(s.getInputStream());
            conduct.run(s, s.getOutputStream(), plain.getOutputStream());
        } catch (IOException e) {
            // the client closed the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        int c;
        while (matched < 4 && (c = in.read()) >= 0) {
            matched = c == "\r\n\r\n".charAt(matched) ? matched + 1 : c == '\r' ? 1 : 0;
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
