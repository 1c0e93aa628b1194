package io.camelaxis.mjpeg.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/**
 * Task queues against the worker's heap: a queue that alone may take more than half of it never starts, queues that
 * together may take more start with a warning, and a stopped task gives its share back.
 */
class WorkerQueueBudgetTest {

    private static final long MB = 1024 * 1024;

    @Test
    void aQueueOverHalfTheHeapIsRefusedWithTheSettingAndTheFigures() {
        WorkerQueueBudget budget = new WorkerQueueBudget(1024 * MB);

        assertThatThrownBy(() -> budget.reserve(513 * MB)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("queue.max.bytes is 537919488 bytes, more than half of this worker's heap"
                                      + " (1073741824 bytes)");
        assertThat(budget.reserved()).isZero();
        assertThat(budget.reserve(512 * MB).warning()).isNull();
    }

    @Test
    void queuesThatTogetherPassHalfTheHeapStartWithAWarningAndStoppedTasksGiveTheirShareBack() {
        WorkerQueueBudget budget = new WorkerQueueBudget(1024 * MB);

        WorkerQueueBudget.Reservation first = budget.reserve(300 * MB);
        WorkerQueueBudget.Reservation second = budget.reserve(300 * MB);

        assertThat(first.warning()).isNull();
        assertThat(second.warning())
                .contains("the queues of the 2 camera tasks in this worker may hold 629145600 bytes");
        second.close();
        second.close(); // a second stop gives nothing back twice
        assertThat(budget.reserved()).isEqualTo(300 * MB);
        assertThat(budget.reserve(200 * MB).warning()).isNull();
    }

    /** Through a task, in this test JVM (-Xmx512m): the task does not start, and takes nothing from the budget. */
    @Test
    void aTaskWhoseQueueMayTakeMoreThanHalfOfTheWorkersHeapDoesNotStart() throws Exception {
        long before = WorkerQueueBudget.WORKER.reserved();
        long tooMuch = Runtime.getRuntime().maxMemory() / 2 + 1;
        try (TaskHarness worker = new TaskHarness()) {
            Map<String, String> props = TaskHarness.props("cameras", "gate=127.0.0.1:9",
                    "queue.max.bytes", String.valueOf(tooMuch));
            assertThatThrownBy(() -> worker.start(props)).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("queue.max.bytes is " + tooMuch + " bytes");
        }
        assertThat(WorkerQueueBudget.WORKER.reserved()).isEqualTo(before);
    }

    /** A task whose start fails after it reserved its queue (a camera it was given is not configured) gives it back. */
    @Test
    void aTaskWhoseStartFailsGivesItsQueueBack() throws Exception {
        long before = WorkerQueueBudget.WORKER.reserved();
        Map<String, String> config = new HashMap<>(TaskHarness.taskConfig(TaskHarness.props("cameras",
                "gate=127.0.0.1:9")));
        config.put(AxisMjpegConnectorConfig.TASK_CAMERAS, "gate,unknown");
        try (TaskHarness worker = new TaskHarness()) {
            AxisMjpegSourceTask task = new AxisMjpegSourceTask();
            task.initialize(worker);
            assertThatThrownBy(() -> task.start(config)).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("unknown");
        }
        assertThat(WorkerQueueBudget.WORKER.reserved()).isEqualTo(before);
    }
}
