package io.camelaxis.mjpeg;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.core5.net.InetAddressUtils;

/**
 * The cameras' host name lookups, run on threads of their own and waited for at most the camera's
 * {@code connectTimeout}.
 *
 * <p>
 * Why: the JDK's lookup cannot be interrupted and lasts as long as the system resolver tries (with resolv.conf's
 * defaults 5 s per try, two tries per server), and HttpClient looks the host up on the thread that opens the
 * connection. For the async transport that thread is the component's one scheduler, which also runs every camera's
 * watchdog and reconnect timers: a camera whose DNS server did not answer held them all, and the camera's own stop,
 * for the resolver's whole wait. On the blocking transport it held the camera's stop for 5 s. Here a waiting thread
 * can be interrupted and gives up at its timeout with a clear error; the lookup itself runs on.
 *
 * <p>
 * Bounded: lookups of one host under way are shared (at most one per host, and hosts are configured, not received),
 * they run on at most {@link #THREADS} threads, and an address needs no lookup at all. An answer is kept for
 * {@link #ANSWER_KEPT_MILLIS}, so the connection attempt it was looked up for finds it; the JDK's own cache applies
 * beneath (30 s for an answer, 10 s for an unknown host, by default).
 */
final class HostLookups {

    /** One host name lookup; the system resolver unless a test gives another. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] lookup(String host) throws UnknownHostException;
    }

    static final Lookup SYSTEM = InetAddress::getAllByName;
    /** Lookups that may run at once: more than a few hosts whose DNS server does not answer before others wait. */
    static final int THREADS = 32;
    static final long ANSWER_KEPT_MILLIS = 2000;

    /** A lookup that gave no answer in time; its message says so, unlike the JDK's "unknown host". */
    static final class NoAnswerException extends UnknownHostException {
        NoAnswerException(String host, long timeoutMillis) {
            super("no answer to the DNS lookup of camera host " + host + " within " + timeoutMillis
                  + " ms (connectTimeout)");
        }
    }

    private record Answer(InetAddress[] addresses, long keptUntil) {
    }

    private final Lookup lookup;
    private final Executor threads;
    private final Map<String, CompletableFuture<InetAddress[]>> underWay = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    HostLookups(Lookup lookup, Executor threads) {
        this.lookup = lookup;
        this.threads = threads;
    }

    /** The host's addresses, now or later: done at once for an address or an answer just looked up. */
    CompletableFuture<InetAddress[]> lookup(String host) {
        if (InetAddressUtils.isIPv4(host) || InetAddressUtils.isIPv6(stripBrackets(host))) {
            try {
                return CompletableFuture.completedFuture(InetAddress.getAllByName(host)); // parsed, no lookup
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        Answer answer = answers.get(host);
        if (answer != null) {
            if (System.currentTimeMillis() < answer.keptUntil()) {
                return CompletableFuture.completedFuture(answer.addresses().clone());
            }
            answers.remove(host, answer);
        }
        CompletableFuture<InetAddress[]> started = new CompletableFuture<>();
        CompletableFuture<InetAddress[]> running = underWay.putIfAbsent(host, started);
        if (running != null) {
            return running;
        }
        try {
            threads.execute(() -> run(host, started)); // after putIfAbsent: its removal can never come first
        } catch (RejectedExecutionException e) {
            underWay.remove(host, started);
            started.completeExceptionally(new UnknownHostException(host + ": the component is stopping"));
        }
        return started;
    }

    private void run(String host, CompletableFuture<InetAddress[]> result) {
        InetAddress[] addresses = null;
        Throwable failure = null;
        try {
            addresses = lookup.lookup(host);
            if (addresses == null || addresses.length == 0) {
                throw new UnknownHostException(host);
            }
            answers.put(host, new Answer(addresses.clone(), System.currentTimeMillis() + ANSWER_KEPT_MILLIS));
        } catch (Throwable t) {
            failure = t;
        }
        underWay.remove(host, result); // before completing: a later attempt looks again rather than share a failure
        if (failure == null) {
            result.complete(addresses);
        } else {
            result.completeExceptionally(failure);
        }
    }

    /** Waits for the host's addresses at most {@code timeoutMillis}, as HttpClient's resolver. */
    InetAddress[] await(String host, long timeoutMillis) throws UnknownHostException {
        try {
            return lookup(host).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host + ": the lookup was interrupted (the consumer is stopping)");
        } catch (ExecutionException | TimeoutException e) {
            throw failure(host, e, timeoutMillis);
        }
    }

    /** What a lookup's failure (or its timeout) is for a connection attempt: an UnknownHostException. */
    static UnknownHostException failure(String host, Throwable t, long timeoutMillis) {
        Throwable cause = t;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
               && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return new NoAnswerException(host, timeoutMillis);
        }
        if (cause instanceof UnknownHostException unknown) {
            return unknown;
        }
        UnknownHostException wrapped = new UnknownHostException(host + ": the lookup failed: " + cause);
        wrapped.initCause(cause);
        return wrapped;
    }

    /** HttpClient's resolver for clients whose connections wait at most {@code timeoutMillis} for an address. */
    DnsResolver resolver(long timeoutMillis) {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return await(host, timeoutMillis);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host); // Kerberos only: unused
            }
        };
    }

    private static String stripBrackets(String host) {
        return host.length() > 1 && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1) : host;
    }
}
