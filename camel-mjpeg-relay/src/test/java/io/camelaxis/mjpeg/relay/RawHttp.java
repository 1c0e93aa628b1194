package io.camelaxis.mjpeg.relay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** A client on a bare socket, for what well-behaved HTTP clients never do (send nothing, trickle, never read). */
final class RawHttp implements AutoCloseable {

    final Socket socket;

    RawHttp(int port) throws IOException {
        this(port, 0);
    }

    /** With {@code receiveBuffer} > 0, a small receive window (a viewer that never reads fills it fast). */
    RawHttp(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.setSoTimeout(30_000); // a safety net only: every test waits for an event before this
        socket.connect(new InetSocketAddress("127.0.0.1", port));
    }

    private RawHttp() throws IOException {
        socket = new Socket();
        socket.setSoTimeout(30_000); // creates the socket: its descriptor is taken now
    }

    /**
     * A client whose socket, and its file descriptor, exists before it {@linkplain #connect connects}: for a test that
     * uses up every descriptor in between (a connect takes none).
     */
    static RawHttp unconnected() throws IOException {
        return new RawHttp();
    }

    RawHttp connect(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        return this;
    }

    void send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** True when the relay closed the connection without sending a byte (end of stream, or a reset). */
    boolean closedWithoutAnswer() throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }

    /** The response head (status line and headers) up to the blank line. */
    String readHead() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The status code of the response head. */
    int readStatus() throws IOException {
        String head = readHead();
        return head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
