package io.camelaxis.mjpeg;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cameras' host lookups: shared per host, bounded waits that can be interrupted, no lookup for an address. */
class HostLookupsTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** "slow.*" names wait for {@link #release}, "gone.*" are unknown, others are loopback. */
    private final HostLookups lookups = new HostLookups(host -> {
        calls.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        if (host.startsWith("slow.")) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (host.startsWith("gone.")) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getLoopbackAddress()};
    }, threads);

    @AfterEach
    void release() {
        release.countDown();
        threads.shutdownNow();
    }

    private int callsFor(String host) {
        AtomicInteger n = calls.get(host);
        return n == null ? 0 : n.get();
    }

    @Test
    void lookupsOfOneHostUnderWayAreShared() throws Exception {
        CompletableFuture<InetAddress[]> first = lookups.lookup("slow.camera");
        CompletableFuture<InetAddress[]> second = lookups.lookup("slow.camera");
        assertThat(second).isSameAs(first);
        assertThat(first).isNotDone();

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).containsExactly(InetAddress.getLoopbackAddress());
        assertThat(callsFor("slow.camera")).isEqualTo(1);
    }

    @Test
    void anAnswerIsKeptForTheAttemptItWasLookedUpFor() throws Exception {
        assertThat(lookups.lookup("camera.example").get(5, TimeUnit.SECONDS)).hasSize(1);
        CompletableFuture<InetAddress[]> again = lookups.lookup("camera.example");
        assertThat(again).isDone();
        assertThat(again.get()).containsExactly(InetAddress.getLoopbackAddress());
        assertThat(callsFor("camera.example")).isEqualTo(1);
    }

    @Test
    void anAddressIsNoLookup() throws Exception {
        for (String address : new String[] {"127.0.0.1", "::1", "[::1]", "192.168.0.90"}) {
            CompletableFuture<InetAddress[]> parsed = lookups.lookup(address);
            assertThat(parsed).as(address).isDone();
            assertThat(parsed.get()).as(address).hasSize(1);
        }
        assertThat(calls).isEmpty();
    }

    @Test
    void aWaitEndsAtItsTimeoutSayingSoWhileTheLookupRunsOn() {
        assertThatThrownBy(() -> lookups.await("slow.camera", 200))
                .isInstanceOf(HostLookups.NoAnswerException.class)
                .hasMessage("no answer to the DNS lookup of camera host slow.camera within 200 ms (connectTimeout)");
        assertThat(lookups.lookup("slow.camera")).as("still under way, shared by the next attempt").isNotDone();
        assertThat(callsFor("slow.camera")).isEqualTo(1);
    }

    @Test
    void anUnknownHostIsReportedAsTheJdkSaysIt() {
        assertThatThrownBy(() -> lookups.await("gone.camera", 5000))
                .isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(HostLookups.NoAnswerException.class)
                .hasMessage("gone.camera");
        assertThatThrownBy(() -> lookups.await("gone.camera", 5000)).hasMessage("gone.camera");
        assertThat(callsFor("gone.camera")).as("a failure is not kept: the next attempt looks again").isEqualTo(2);
    }

    @Test
    void aHostThatDoesNotAnswerDelaysNoOther() throws Exception {
        CompletableFuture<InetAddress[]> slow = lookups.lookup("slow.camera");
        assertThat(lookups.await("camera.example", 5000)).containsExactly(InetAddress.getLoopbackAddress());
        assertThat(slow).isNotDone();
    }

    @Test
    void aWaitingThreadCanBeInterrupted() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagKept = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                lookups.await("slow.camera", 60_000);
            } catch (UnknownHostException e) {
                thrown.set(e);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        while (callsFor("slow.camera") == 0) {
            Thread.onSpinWait();
        }
        waiter.interrupt();
        waiter.join(10_000);

        assertThat(waiter.isAlive()).isFalse();
        assertThat(thrown.get()).hasMessageContaining("interrupted");
        assertThat(flagKept.get()).isTrue();
    }
}
