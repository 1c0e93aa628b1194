package io.camelaxis.mjpeg.kafka.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A task's cameras stop side by side, so one slow stop does not add its wait to every other camera's. */
class TaskCamerasStopTest {

    private CamelContext camel;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stopCamel() throws Exception {
        camel.close();
    }

    @Test
    void stopsRunSideBySide() {
        // each stop returns only once all of them have begun: stopped one after the other, the first would wait
        // for the others in vain and report that it timed out
        int cameras = TaskCameras.MAX_STOP_THREADS;
        CountDownLatch allStopping = new CountDownLatch(cameras);
        Set<String> stoppedTogether = ConcurrentHashMap.newKeySet();
        List<Service> services = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            String name = "camera-" + i;
            services.add(stopping(() -> {
                allStopping.countDown();
                if (awaitQuietly(allStopping)) {
                    stoppedTogether.add(name);
                }
            }));
        }

        TaskCameras.stopConcurrently(services, camel.getExecutorServiceManager(), this);

        assertEquals(cameras, stoppedTogether.size(), "stops that saw every other stop under way");
    }

    @Test
    void everyCameraStopsWhenThereAreMoreThanThreadsAndSomeFail() {
        int cameras = TaskCameras.MAX_STOP_THREADS * 3 + 1;
        Set<Integer> stopped = ConcurrentHashMap.newKeySet();
        List<Service> services = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            int number = i;
            services.add(stopping(() -> {
                stopped.add(number);
                if (number % 5 == 0) {
                    throw new IllegalStateException("camera " + number + " failed to stop");
                }
            }));
        }

        TaskCameras.stopConcurrently(services, camel.getExecutorServiceManager(), this);

        assertEquals(cameras, stopped.size());
        assertTrue(stopped.contains(cameras - 1));
    }

    @Test
    void noCamerasIsNothingToDo() {
        TaskCameras.stopConcurrently(List.of(), camel.getExecutorServiceManager(), this);
        assertTrue(camel.getStatus().isStarted());
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Service stopping(Runnable onStop) {
        return new Service() {
            @Override
            public void start() {
            }

            @Override
            public void stop() {
                onStop.run();
            }
        };
    }
}
