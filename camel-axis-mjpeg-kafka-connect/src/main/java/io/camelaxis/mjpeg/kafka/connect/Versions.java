package io.camelaxis.mjpeg.kafka.connect;

/** The connector's version, from the jar's manifest (the Maven project version), for Connect's plugin listing. */
final class Versions {

    private Versions() {
    }

    static String connector() {
        String version = Versions.class.getPackage().getImplementationVersion();
        return version != null ? version : "unknown";
    }
}
