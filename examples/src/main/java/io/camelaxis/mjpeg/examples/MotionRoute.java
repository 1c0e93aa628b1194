package io.camelaxis.mjpeg.examples;

import io.camelaxis.mjpeg.AxisMjpegConstants;
import org.apache.camel.builder.RouteBuilder;

/** Content-based routing: frames that look like motion go to {@code <out>/motion}, one in 50 of the rest to idle. */
public class MotionRoute extends RouteBuilder {

    private final String cameraUri;
    private final String outputDirectory;

    public MotionRoute(String cameraUri, String outputDirectory) {
        this.cameraUri = cameraUri;
        this.outputDirectory = outputDirectory;
    }

    @Override
    public void configure() {
        from(cameraUri).routeId(RouteIds.of("motion", cameraUri))
                .process(new MotionBySizeProcessor(15))
                .setHeader("CamelFileName").simple("frame-${header." + AxisMjpegConstants.FRAME_NUMBER + "}.jpg")
                .choice()
                    .when(header("motion").isEqualTo(true))
                        .log("motion in frame ${header." + AxisMjpegConstants.FRAME_NUMBER
                             + "}: size changed ${header.sizeChangePercent}%")
                        .to("file:" + outputDirectory + "/motion")
                    .when(e -> e.getIn().getHeader(AxisMjpegConstants.FRAME_NUMBER, Long.class) % 50 == 0)
                        .to("file:" + outputDirectory + "/idle")
                .end();
    }
}
