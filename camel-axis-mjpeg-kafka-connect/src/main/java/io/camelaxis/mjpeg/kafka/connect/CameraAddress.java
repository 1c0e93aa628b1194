package io.camelaxis.mjpeg.kafka.connect;

import java.util.regex.Pattern;

/**
 * One entry of the {@code cameras} list: {@code id=host}, {@code id=host:port} or {@code id=[ipv6]:port}. The id is
 * the record key, the source partition and the name in per-camera keys ({@code camera.<id>.fps}), so it is limited
 * to letters, digits, {@code _} and {@code -}: no dots, which would make those keys ambiguous.
 */
record CameraAddress(String id, String hostAndPort) {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern HOST_AND_PORT =
            Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]{1,253})(:\\d{1,5})?");

    /** Parses one entry; the message of the exception says what is wrong with it. */
    static CameraAddress parse(String entry) {
        String text = entry.trim();
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("camera '" + text + "' must look like id=host or id=host:port");
        }
        String id = text.substring(0, equals).trim();
        String address = text.substring(equals + 1).trim();
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("camera id '" + id + "' must be 1 to 64 letters, digits, _ or -");
        }
        if (!HOST_AND_PORT.matcher(address).matches()) {
            throw new IllegalArgumentException("camera " + id + ": '" + address
                                               + "' is not host, host:port or [ipv6]:port");
        }
        int colon = address.lastIndexOf(':');
        if (colon > address.lastIndexOf(']')) {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("camera " + id + ": port must be 1..65535, was " + port);
            }
        }
        return new CameraAddress(id, address);
    }

    @Override
    public String toString() {
        return id + "=" + hostAndPort;
    }
}
