package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Linux's table of TCP sockets (/proc/net/tcp and tcp6), for what the kernel knows about a connection. */
final class KernelSockets {

    private static final String ESTABLISHED = "01";

    private KernelSockets() {
    }

    /** The table line of the established connection from {@code localPort} to {@code remotePort}, or null. */
    static String find(int localPort, int remotePort) throws IOException {
        String local = String.format(Locale.ROOT, ":%04X", localPort);
        String remote = String.format(Locale.ROOT, ":%04X", remotePort);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length > 5 && columns[1].endsWith(local) && columns[2].endsWith(remote)
                        && columns[3].equals(ESTABLISHED)) {
                    return line;
                }
            }
        }
        return null;
    }
}
