package io.camelaxis.mjpeg.examples;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Route ids that name the camera, so one Camel context can run the same example for many cameras. */
final class RouteIds {

    private static final Pattern CAMERA_ID = Pattern.compile("[?&]cameraId=([^&]+)");
    private static final Pattern HOST = Pattern.compile("^axis-mjpeg:(?://)?([^?]+)");

    private RouteIds() {
    }

    /** {@code <example>-<cameraId>}, or {@code <example>-<host:port>} when the URI has no cameraId. */
    static String of(String example, String cameraUri) {
        Matcher id = CAMERA_ID.matcher(cameraUri);
        if (id.find()) {
            return example + "-" + id.group(1);
        }
        Matcher host = HOST.matcher(cameraUri);
        return example + "-" + (host.find() ? host.group(1) : Integer.toHexString(cameraUri.hashCode()));
    }
}
