package io.camelaxis.mjpeg.relay;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's HTTP Basic login, throttled per client address: after {@code loginFailureLimit} wrong logins (within
 * {@code loginBlockTime} of each other) the address gets 429 for {@code loginBlockTime}, whatever it sends, so a guesser
 * learns nothing while blocked. Credentials are compared in constant time (SHA-256 of each, then
 * {@link MessageDigest#isEqual}), so neither their content nor their length shows in the response time. Failures are
 * logged rate-limited, with the address, never the user name or password.
 *
 * <p>The throttle remembers at most {@value #MAX_TRACKED_CLIENTS} addresses (an IPv6 client by its /64 network, which a
 * single host may hold whole). When that many are throttled at once, the addresses without a place share one record:
 * their failures add up together, and once they reach the limit every address without a place gets 429 for the block
 * time, the right password too (it would otherwise tell a guesser from many addresses which guess was right). Before,
 * a guesser that filled the table guessed freely from every further address.
 */
final class BasicLogin {

    private static final Logger LOG = LoggerFactory.getLogger(BasicLogin.class);
    /** addresses remembered at most; beyond, expired entries are purged, then the others share {@link #overflow} */
    static final int MAX_TRACKED_CLIENTS = 10_000;
    /** a full table is searched for expired entries at most this often (each search walks all of it) */
    private static final long PURGE_INTERVAL_NANOS = 1_000_000_000L;

    enum Outcome { ALLOWED, MISSING, DENIED, BLOCKED }

    private final byte[] userDigest;
    private final byte[] passwordDigest;
    private final int failureLimit;
    private final long blockNanos;
    private final IntSupplier port;
    private final LongSupplier nanoClock;
    private final int maxTrackedClients;
    private final Map<InetAddress, Failures> failures = new ConcurrentHashMap<>();
    /** the failures of every address the table has no place for, together */
    private final Failures overflow = new Failures();
    private final AtomicLong lastPurgeNanos;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong blocked = new AtomicLong();
    private final AtomicLong sharedFailures = new AtomicLong();
    private final RateLimitedLog failureLog = new RateLimitedLog(LOG);
    private final RateLimitedLog overflowLog = new RateLimitedLog(LOG);

    BasicLogin(ServerSettings settings, IntSupplier port) {
        this(settings, port, System::nanoTime, MAX_TRACKED_CLIENTS);
    }

    /**
     * @param nanoClock         the time of failures and blocks ({@link System#nanoTime()}; a test drives its own)
     * @param maxTrackedClients addresses throttled one by one at most ({@link #MAX_TRACKED_CLIENTS})
     */
    BasicLogin(ServerSettings settings, IntSupplier port, LongSupplier nanoClock, int maxTrackedClients) {
        this.nanoClock = nanoClock;
        this.maxTrackedClients = maxTrackedClients;
        this.lastPurgeNanos = new AtomicLong(nanoClock.getAsLong() - PURGE_INTERVAL_NANOS);
        this.userDigest = sha256(settings.username());
        this.passwordDigest = sha256(settings.password());
        this.failureLimit = settings.loginFailureLimit();
        // saturating: a huge block time must not overflow into a negative one that never blocks
        this.blockNanos = TimeUnit.MILLISECONDS.toNanos(settings.loginBlockTime());
        this.port = port;
    }

    /** Checks the request's credentials, counting and throttling failures from {@code client}. */
    Outcome check(HttpRequest request, InetAddress client) {
        long now = nanoClock.getAsLong();
        InetAddress key = throttleKey(client);
        Failures record = failures.get(key);
        Failures throttle = record != null ? record : tableFull(now) ? overflow : null;
        if (throttle != null && throttle.blockedAt(now)) {
            blocked.incrementAndGet();
            return Outcome.BLOCKED;
        }
        Header header = request.getFirstHeader("Authorization");
        if (header == null) {
            return Outcome.MISSING; // a browser's first try, not a guess
        }
        if (matches(header.getValue())) {
            if (record != null) {
                failures.remove(key, record);
            }
            return Outcome.ALLOWED;
        }
        failed.incrementAndGet();
        int count = recordFailure(key, throttle, client, now);
        if (failureLimit > 0 && count >= failureLimit) {
            failureLog.warn("mjpeg-relay port " + port.getAsInt() + ": " + count + " failed logins from " + client
                            + ", refusing it (429) for " + blockNanos / 1_000_000 + " ms");
        } else {
            failureLog.warn("mjpeg-relay port " + port.getAsInt() + ": failed login from " + client);
        }
        return Outcome.DENIED;
    }

    private boolean matches(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        // both compared, always: no early exit that would time which one was wrong
        boolean user = MessageDigest.isEqual(userDigest, sha256(decoded.substring(0, colon)));
        boolean password = MessageDigest.isEqual(passwordDigest, sha256(decoded.substring(colon + 1)));
        return user & password;
    }

    /** @param throttle the record {@link #check} found for the client: its own, the shared one, or none yet */
    private int recordFailure(InetAddress key, Failures throttle, InetAddress client, long now) {
        if (failureLimit == 0) {
            return 0;
        }
        if (throttle == overflow) {
            sharedFailures.incrementAndGet();
            int count = overflow.add(now);
            overflowLog.warn("mjpeg-relay port " + port.getAsInt() + ": failed logins from more than "
                             + maxTrackedClients + " addresses within loginBlockTime; the others, " + client
                             + " among them, share one throttle (" + count + " of " + failureLimit + " failures"
                             + (count >= failureLimit ? ": all of them refused (429)" : "") + ")");
            return count;
        }
        return (throttle != null ? throttle : failures.computeIfAbsent(key, c -> new Failures())).add(now);
    }

    /** The table has no place for another address, even after its expired entries (searched once a second) go. */
    private boolean tableFull(long now) {
        if (failures.size() < maxTrackedClients) {
            return false;
        }
        long last = lastPurgeNanos.get();
        if (now - last >= PURGE_INTERVAL_NANOS && lastPurgeNanos.compareAndSet(last, now)) {
            failures.values().removeIf(f -> f.expiredAt(now));
        }
        return failures.size() >= maxTrackedClients;
    }

    /** An IPv4 address as it is; an IPv6 one by its /64 network, as a host is commonly given a whole one. */
    static InetAddress throttleKey(InetAddress client) {
        if (!(client instanceof Inet6Address)) {
            return client;
        }
        byte[] network = client.getAddress();
        Arrays.fill(network, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(network);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }

    long failedLogins() {
        return failed.get();
    }

    long blockedRequests() {
        return blocked.get();
    }

    /** Failed logins counted in the shared record of the addresses the throttle had no place for. */
    long sharedThrottleFailures() {
        return sharedFailures.get();
    }

    /** Whole seconds until {@code client} may try again (for Retry-After). */
    long retryAfterSeconds(InetAddress client) {
        Failures record = failures.get(throttleKey(client));
        return (record == null ? overflow : record).secondsLeft(nanoClock.getAsLong());
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Failed logins of one address: a count that restarts when the last failure is older than the block time. */
    private final class Failures {
        private int count;
        private long lastFailureNanos;
        private boolean blocked; // a flag: any long, 0 included, is a legal nanoTime for the block's end
        private long blockedUntilNanos;

        synchronized int add(long now) {
            if (count > 0 && now - lastFailureNanos > blockNanos) {
                count = 0;
            }
            count++;
            lastFailureNanos = now;
            if (count >= failureLimit) {
                blocked = true;
                blockedUntilNanos = now + blockNanos;
                count = 0;
                return failureLimit;
            }
            return count;
        }

        synchronized boolean blockedAt(long now) {
            return blocked && now - blockedUntilNanos < 0;
        }

        synchronized boolean expiredAt(long now) {
            return !blockedAt(now) && now - lastFailureNanos > blockNanos;
        }

        synchronized long secondsLeft(long now) {
            if (!blockedAt(now)) {
                return 0;
            }
            long left = blockedUntilNanos - now; // rounded up without adding, which could overflow
            return Math.max(1, left / 1_000_000_000L + (left % 1_000_000_000L == 0 ? 0 : 1));
        }
    }
}
