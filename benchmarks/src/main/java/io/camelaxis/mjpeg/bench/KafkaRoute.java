package io.camelaxis.mjpeg.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import io.camelaxis.mjpeg.AxisMjpegComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * {@code bench kafka-route BOOTSTRAP TOPIC PORT[,PORT...]}: the component's side of the Kafka bench in its own JVM,
 * so its CPU is measured alone: one route per camera, {@code axis-mjpeg} ({@code transport=async}) to
 * {@code kafka} with the producer settings of the project's Kafka example (no compression, acks=all, idempotent,
 * linger 5 ms), the camera as the record key. Prints {@code ROUTE READY}; answers {@code count} with
 * {@code ROUTE COUNT <exchanges failed> <corrupt+dropped+failed frames and reconnects>}; stops on {@code stop} or the
 * end of input.
 */
final class KafkaRoute {

    static final String PREFIX = "ROUTE ";

    private KafkaRoute() {
    }

    /**
     * @param uriOptions         more endpoint options for every camera's route, e.g. {@code &routeOnIoThread=true}
     * @param asyncWorkerThreads the component's asyncWorkerThreads; 0 keeps its default
     */
    static void run(String bootstrap, String topic, String ports, String transport, String uriOptions,
                    int asyncWorkerThreads) throws Exception {
        AtomicLong failed = new AtomicLong();
        CamelContext context = new DefaultCamelContext();
        if (asyncWorkerThreads > 0) {
            AxisMjpegComponent component = new AxisMjpegComponent();
            component.setAsyncWorkerThreads(asyncWorkerThreads);
            context.addComponent("axis-mjpeg", component);
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // no Camel redelivery: the producer retries by itself; a frame it gives up on is counted
                onException(Exception.class).handled(true).process(e -> failed.incrementAndGet());
                String[] cameras = ports.split(",");
                for (int i = 0; i < cameras.length; i++) {
                    from("axis-mjpeg:127.0.0.1:" + cameras[i] + "?statisticsLogInterval=0&stallTimeout=20000"
                         + "&transport=" + transport + uriOptions).routeId("camera-" + i)
                            .removeHeaders("*") // the frame and its key only, as the OpenCV peer sends
                            .setHeader(KafkaConstants.KEY, constant("c" + i))
                            .to("kafka:" + topic + "?brokers=" + bootstrap + "&maxRequestSize="
                                + KraftBroker.MAX_MESSAGE_BYTES + "&compressionCodec=none&lingerMs=5"
                                + "&requestRequiredAcks=all&enableIdempotence=true"
                                + "&keySerializer=org.apache.kafka.common.serialization.StringSerializer"
                                + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer");
                }
            }
        });
        context.start();
        System.out.println(PREFIX + "READY " + context.getRoutes().size());
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String line = commands.readLine(); line != null && !line.equals("stop"); line = commands.readLine()) {
            if (line.equals("count")) {
                System.out.println(PREFIX + "COUNT " + failed.get() + " " + CamerasBench.troubles(context));
            }
        }
        context.stop();
    }
}
