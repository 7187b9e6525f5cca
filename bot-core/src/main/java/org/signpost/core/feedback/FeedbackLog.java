package org.signpost.core.feedback;

import io.vertx.core.Future;
import java.util.List;

/** Where feedback is kept. Never blocks the caller; failures arrive as failed futures. */
public interface FeedbackLog {

    Future<Void> record(Feedback feedback);

    Future<List<Feedback>> all();
}
