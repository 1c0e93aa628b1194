package io.camelaxis.mjpeg.relay;

import java.io.FileInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sun.management.UnixOperatingSystemMXBean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The relay's listener meets "too many open files" for real: this JVM's file descriptors are used up, a client connects,
 * HttpCore's accept fails and its listener ends. The relay opens a new listener on the same port by itself (as soon as
 * descriptors allow) and serves again.
 */
class ListenerRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final List<FileInputStream> hogs = new ArrayList<>();
    private RelayFixture relay;

    @AfterEach
    void stop() throws IOException {
        release();
        if (relay != null) {
            relay.close();
        }
    }

    private void release() throws IOException {
        for (FileInputStream hog : hogs) {
            hog.close();
        }
        hogs.clear();
    }

    @Test
    void theListenerComesBackAfterTooManyOpenFiles() throws Exception {
        var os = ManagementFactory.getOperatingSystemMXBean();
        assumeTrue(os instanceof UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() <= 65_536,
                "needs a Unix file descriptor limit small enough to reach");
        relay = RelayFixture.start("");
        assertThat(relay.get("/status").status()).isEqualTo(200); // every class on the path is loaded
        // the client's socket first: with every descriptor taken after it, none is left for the accept (freeing one
        // for the client after the hogging let another thread of the JVM take it first now and then)
        RawHttp client = RawHttp.unconnected();
        try {
            while (true) {
                hogs.add(new FileInputStream("/dev/null"));
            }
        } catch (IOException tooManyOpenFiles) {
            client.connect(relay.port);
        }
        try (RawHttp refused = client) {
            // the accept failed, the listener ended, and a new one cannot be opened while no descriptor is free
            Awaitility.await().atMost(WAIT).until(() -> !relay.endpoint.isListening()
                                                        || relay.endpoint.getListenerRestarts() == 1);
            release();
            assertThat(refused.closedWithoutAnswer()).isTrue();
        } finally {
            release();
        }
        Awaitility.await().atMost(WAIT).until(() -> relay.endpoint.getListenerRestarts() == 1);
        assertThat(relay.endpoint.isListening()).isTrue();
        assertThat(relay.get("/status").status()).isEqualTo(200);
    }
}
