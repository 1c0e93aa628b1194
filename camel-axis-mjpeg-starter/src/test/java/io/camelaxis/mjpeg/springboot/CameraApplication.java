package io.camelaxis.mjpeg.springboot;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A user's application: one route, every camera and relay setting in application.properties; only the camera's
 * address comes from the test, because the simulator's port is chosen at run time.
 */
@SpringBootApplication
public class CameraApplication {

    /** Frames the route has seen, for the test to wait on. */
    @Bean
    AtomicInteger framesSeen() {
        return new AtomicInteger();
    }

    @Bean
    RouteBuilder cameraRoute(AtomicInteger framesSeen) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("axis-mjpeg:{{camera.address}}").routeId("gate")
                        .process(e -> framesSeen.incrementAndGet())
                        .to("mjpeg-relay:gate");
            }
        };
    }
}
