package org.signpost.core.feedback;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** Feedback in this process's memory: gone on restart. Thread-safe. */
public final class InMemoryFeedbackLog implements FeedbackLog {

    private final List<Feedback> feedback = new ArrayList<>();

    @Override
    public synchronized Future<Void> record(Feedback given) {
        feedback.add(given);
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<List<Feedback>> all() {
        return Future.succeededFuture(List.copyOf(feedback));
    }
}
