package io.camelaxis.mjpeg.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Server-side HTTP authentication as Axis cameras do it: Basic and/or Digest (RFC 7616, MD5 or SHA-256, with
 * {@code qop=auth} or the older RFC 2069 form without qop) in realm {@code AXIS_<serial>}. Nonces can be made to go
 * stale after a number of uses, to exercise a client's {@code stale=true} handling; with 0 uses every right answer
 * is told {@code stale=true} with a fresh nonce, forever (a hostile camera for a client without a re-auth limit).
 */
final class CameraAuth {

    /** Which schemes the camera offers. */
    enum Mode {
        NONE,
        BASIC,
        DIGEST,
        DIGEST_AND_BASIC,
        /** Only a scheme clients of cameras do not speak ({@code Negotiate}): no credentials can be sent. */
        NEGOTIATE_ONLY
    }

    private final Mode mode;
    private final String realm;
    private final String username;
    private final String password;
    private final String algorithm;
    private final boolean qop;
    private final int nonceMaxUses;
    private final Map<String, AtomicInteger> nonceUses = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger staleChallenges = new AtomicInteger();

    CameraAuth(Mode mode, String realm, String username, String password, String algorithm, boolean qop,
               int nonceMaxUses) {
        this.mode = mode;
        this.realm = realm;
        this.username = username;
        this.password = password;
        this.algorithm = algorithm;
        this.qop = qop;
        this.nonceMaxUses = nonceMaxUses;
    }

    /** The outcome of checking a request. */
    record Verdict(boolean allowed, List<String> challenges) {
    }

    Verdict check(HttpRequest request) {
        if (mode == Mode.NONE) {
            return new Verdict(true, List.of());
        }
        String authorization = request.header("authorization");
        boolean stale = false;
        if (authorization != null) {
            if (authorization.regionMatches(true, 0, "Basic ", 0, 6) && offersBasic()) {
                if (basicMatches(authorization.substring(6).trim())) {
                    return new Verdict(true, List.of());
                }
            } else if (authorization.regionMatches(true, 0, "Digest ", 0, 7) && offersDigest()) {
                DigestResult result = checkDigest(request, parseParams(authorization.substring(7)));
                if (result == DigestResult.OK) {
                    return new Verdict(true, List.of());
                }
                stale = result == DigestResult.STALE;
            }
            if (!stale) {
                failures.incrementAndGet();
            }
        }
        if (stale) {
            staleChallenges.incrementAndGet();
        }
        return new Verdict(false, challenges(stale));
    }

    int failures() {
        return failures.get();
    }

    int staleChallenges() {
        return staleChallenges.get();
    }

    private boolean offersBasic() {
        return mode == Mode.BASIC || mode == Mode.DIGEST_AND_BASIC;
    }

    private boolean offersDigest() {
        return mode == Mode.DIGEST || mode == Mode.DIGEST_AND_BASIC;
    }

    private List<String> challenges(boolean stale) {
        List<String> list = new ArrayList<>();
        if (offersDigest()) {
            byte[] raw = new byte[16];
            random.nextBytes(raw);
            String nonce = HexFormat.of().formatHex(raw);
            nonceUses.put(nonce, new AtomicInteger());
            list.add("Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=" + algorithm
                    + (qop ? ", qop=\"auth\"" : "") + (stale ? ", stale=true" : ""));
        }
        if (offersBasic()) {
            list.add("Basic realm=\"" + realm + "\"");
        }
        if (mode == Mode.NEGOTIATE_ONLY) {
            list.add("Negotiate");
        }
        return list;
    }

    private boolean basicMatches(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            return decoded.equals(username + ":" + password);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private enum DigestResult {
        OK,
        STALE,
        WRONG
    }

    private DigestResult checkDigest(HttpRequest request, Map<String, String> p) {
        String nonce = p.get("nonce");
        if (nonce == null || !request.target().equals(p.get("uri")) || !username.equals(p.get("username")) || !realm.equals(p.get("realm"))) {
            return DigestResult.WRONG;
        }
        String requestAlgorithm = p.getOrDefault("algorithm", "MD5");
        if (!requestAlgorithm.equalsIgnoreCase(algorithm)) {
            return DigestResult.WRONG;
        }
        String ha1 = hash(username + ":" + realm + ":" + password);
        String ha2 = hash(request.method() + ":" + p.get("uri"));
        String expected = qop
                ? hash(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":" + p.get("qop") + ":" + ha2)
                : hash(ha1 + ":" + nonce + ":" + ha2);
        if (!expected.equalsIgnoreCase(p.get("response"))) {
            return DigestResult.WRONG;
        }
        AtomicInteger uses = nonceUses.get(nonce);
        if (uses == null || uses.incrementAndGet() > nonceMaxUses) {
            return DigestResult.STALE; // right password, old nonce
        }
        return DigestResult.OK;
    }

    private String hash(String text) {
        try {
            String jca = algorithm.equalsIgnoreCase("SHA-256") ? "SHA-256" : "MD5";
            byte[] digest = MessageDigest.getInstance(jca).digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> parseParams(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == ',')) {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = text.substring(i, eq).trim().toLowerCase(java.util.Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < n && text.charAt(i) == '"') {
                int close = text.indexOf('"', i + 1);
                close = close < 0 ? n : close;
                value = text.substring(i + 1, close);
                i = close + 1;
            } else {
                int comma = text.indexOf(',', i);
                comma = comma < 0 ? n : comma;
                value = text.substring(i, comma).trim();
                i = comma;
            }
            params.put(name, value);
        }
        return params;
    }
}
