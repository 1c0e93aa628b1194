package io.camelaxis.mjpeg.examples;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The yyyy/MM/dd/HH/mm/ss of an instant in UTC, as batch keys spell it. */
final class FrameKeysTestAccess {

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/mm/ss")
            .withZone(ZoneOffset.UTC);

    private FrameKeysTestAccess() {
    }

    static String secondOf(Instant instant) {
        return SECOND.format(instant);
    }
}
