package org.signpost.core.feedback;

import io.vertx.core.Future;
import java.util.List;
import java.util.Objects;
import org.signpost.core.flow.Action;
import org.signpost.core.flow.ActionContext;
import org.signpost.core.flow.ActionResult;

/** {@code action_record_feedback}: keeps the slots {@code fft_rating} and {@code feedback_comment}. */
public final class RecordFeedbackAction implements Action {

    private final FeedbackLog log;

    public RecordFeedbackAction(FeedbackLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public String name() {
        return "action_record_feedback";
    }

    @Override
    public Future<ActionResult> run(ActionContext context) {
        String rating = context.state().slot("fft_rating").orElse("Don't know");
        String comment = context.state().slot("feedback_comment").filter(text -> !text.equals("none")).orElse("");
        return log.record(new Feedback(rating, comment, context.channel(), context.now()))
                .map(recorded -> new ActionResult(List.of(), List.of()));
    }
}
