package io.camelaxis.mjpeg.kafka.connect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A camera on a loopback socket that answers every request with exactly the bytes a test chose, then keeps the
 * connection open and silent (a camera that stopped sending without closing) until {@link #close()}.
 */
final class ScriptedCamera implements AutoCloseable {

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final byte[] answer;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ScriptedCamera(byte[] answer) throws IOException {
        this.answer = answer;
        Thread acceptor = new Thread(this::accept, "scripted-camera");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A 200 answer with these JPEGs as parts of an Axis multipart stream. */
    static byte[] multipart(List<byte[]> jpegs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=myboundary\r\n\r\n"));
        for (byte[] jpeg : jpegs) {
            out.writeBytes(ascii("--myboundary\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                                 + "\r\n\r\n"));
            out.writeBytes(jpeg);
            out.writeBytes(ascii("\r\n"));
        }
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    String hostAndPort() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                skipRequestHead(socket.getInputStream());
                socket.getOutputStream().write(answer);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // closed by the test, or by the client: the next connection is served the same way
            }
        }
    }

    private static void skipRequestHead(InputStream in) throws IOException {
        int matched = 0;
        int c;
        while (matched < 4 && (c = in.read()) >= 0) {
            matched = (c == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (c == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
