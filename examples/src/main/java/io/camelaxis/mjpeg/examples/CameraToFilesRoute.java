package io.camelaxis.mjpeg.examples;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Camera to files in a dated folder layout: {@code <out>/<camera>/yyyy/MM/dd/HH/HHmmss.SSS-<frame>.jpg}, dated by the
 * camera's own capture time when it has one (Axis), else by arrival (see {@link FrameKeys#file}).
 */
public class CameraToFilesRoute extends RouteBuilder {

    private final String cameraUri;
    private final String outputDirectory;

    public CameraToFilesRoute(String cameraUri, String outputDirectory) {
        this.cameraUri = cameraUri;
        this.outputDirectory = outputDirectory;
    }

    @Override
    public void configure() {
        from(cameraUri).routeId(RouteIds.of("camera-to-files", cameraUri))
                .process(e -> e.getIn().setHeader(Exchange.FILE_NAME, FrameKeys.file(e.getIn())))
                .to("file:" + outputDirectory);
    }
}
