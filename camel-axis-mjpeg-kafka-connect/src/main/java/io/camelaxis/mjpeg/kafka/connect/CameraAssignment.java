package io.camelaxis.mjpeg.kafka.connect;

import java.util.ArrayList;
import java.util.List;

/** Spreads cameras over tasks: round robin in list order, so task sizes differ by one camera at most. */
final class CameraAssignment {

    private CameraAssignment() {
    }

    /** At most {@code maxTasks} groups, none empty. */
    static List<List<CameraAddress>> spread(List<CameraAddress> cameras, int maxTasks) {
        int tasks = Math.max(1, Math.min(maxTasks, cameras.size()));
        List<List<CameraAddress>> groups = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < cameras.size(); i++) {
            groups.get(i % tasks).add(cameras.get(i));
        }
        return groups;
    }
}
