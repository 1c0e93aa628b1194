package io.camelaxis.mjpeg.kafka.connect;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * The frames the tasks of one worker may queue, against the worker's heap. Connect runs the tasks of every connector
 * in one JVM, and with Kafka slower than the cameras each task's queue fills up to {@code queue.max.bytes}: queues
 * larger than the heap can hold end in an {@code OutOfMemoryError} that stops every connector of the worker. A task
 * whose queue alone may take more than half of the heap does not start (its error names the setting and the figures);
 * tasks that together may take more than half start with a warning, as their sum depends on how Connect spreads them.
 */
final class WorkerQueueBudget {

    /** The budget of this JVM, the worker's. */
    static final WorkerQueueBudget WORKER = new WorkerQueueBudget(Runtime.getRuntime().maxMemory());

    private final long heap;
    private long reserved;
    private int tasks;

    WorkerQueueBudget(long heap) {
        this.heap = heap;
    }

    /** Bytes the tasks of this worker may queue together, as reserved now. */
    synchronized long reserved() {
        return reserved;
    }

    /**
     * Reserves a task's {@code queue.max.bytes}.
     *
     * @return the reservation, released when the task stops
     * @throws ConnectException when the queue alone may take more than half of the heap
     */
    synchronized Reservation reserve(long queueMaxBytes) {
        long half = heap / 2;
        if (queueMaxBytes > half) {
            throw new ConnectException(AxisMjpegConnectorConfig.QUEUE_MAX_BYTES + " is " + queueMaxBytes
                    + " bytes, more than half of this worker's heap (" + heap + " bytes): with Kafka slower than the"
                    + " cameras the task's queue would fill and the worker would run out of memory, stopping every"
                    + " connector on it. Lower " + AxisMjpegConnectorConfig.QUEUE_MAX_BYTES + " or give the worker"
                    + " more heap (KAFKA_HEAP_OPTS)");
        }
        reserved += queueMaxBytes;
        tasks++;
        String warning = reserved <= half ? null : "the queues of the " + tasks + " camera tasks in this worker may"
                + " hold " + reserved + " bytes of frames together, more than half of its heap (" + heap + " bytes):"
                + " with Kafka slower than the cameras they could run it out of memory. Lower "
                + AxisMjpegConnectorConfig.QUEUE_MAX_BYTES + ", run fewer tasks per worker or give the workers more"
                + " heap";
        return new Reservation(queueMaxBytes, warning);
    }

    private synchronized void release(long queueMaxBytes) {
        reserved -= queueMaxBytes;
        tasks--;
    }

    /** A task's share of the budget; {@link #close()} gives it back, once. */
    final class Reservation implements AutoCloseable {
        private final long bytes;
        private final String warning;
        private boolean released;

        private Reservation(long bytes, String warning) {
            this.bytes = bytes;
            this.warning = warning;
        }

        /** Why the worker's queues together may be too large, or null. */
        String warning() {
            return warning;
        }

        @Override
        public void close() {
            synchronized (WorkerQueueBudget.this) {
                if (!released) {
                    released = true;
                    release(bytes);
                }
            }
        }
    }
}
