package io.camelaxis.mjpeg.examples;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code shared/testdata} beside the project. */
final class SharedTestData {

    private SharedTestData() {
    }

    static Path capture() {
        for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
            Path candidate = base.resolve("shared/testdata/axis-capture-320x240.mjpg");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/testdata/axis-capture-320x240.mjpg not found beside the project");
    }
}
