package io.camelaxis.mjpeg.relay;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names HttpCore's threads of one relay port after the component ({@code mjpeg-relay-8090-listener},
 * {@code mjpeg-relay-8090-io-1}; the generation is added after a listener restart) and keeps the listener thread, whose
 * end is the only sign that HttpCore's listener stopped accepting.
 */
final class ListenerThreads {

    private final String prefix;
    private final AtomicInteger ioThreads = new AtomicInteger();
    private volatile Thread listener;

    ListenerThreads(int port, int generation) {
        this.prefix = "mjpeg-relay-" + (port == 0 ? "anyport" : String.valueOf(port))
                      + (generation == 0 ? "" : "-g" + generation);
    }

    ThreadFactory listener() {
        return task -> {
            Thread thread = new Thread(task, prefix + "-listener");
            thread.setDaemon(true);
            listener = thread;
            return thread;
        };
    }

    ThreadFactory dispatch() {
        return task -> {
            Thread thread = new Thread(task, prefix + "-io-" + ioThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    boolean listenerAlive() {
        Thread thread = listener;
        return thread != null && thread.isAlive();
    }
}
