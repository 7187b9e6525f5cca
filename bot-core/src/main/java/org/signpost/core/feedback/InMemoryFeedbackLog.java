package org.signpost.core.feedback;

import io.vertx.core.Future;
import java.util.List;
import org.signpost.core.memory.InMemoryRecords;

/** Feedback in this process's memory: gone on restart. Thread-safe. */
public final class InMemoryFeedbackLog implements FeedbackLog {

    private final InMemoryRecords<Feedback> records = new InMemoryRecords<>();

    @Override
    public Future<Void> record(Feedback feedback) {
        return records.append(feedback);
    }

    @Override
    public Future<List<Feedback>> all() {
        return records.all();
    }
}
