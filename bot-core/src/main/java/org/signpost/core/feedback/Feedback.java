package org.signpost.core.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.signpost.core.message.Channel;

/**
 * An answer to the NHS Friends and Family Test question "Overall, how was your experience of our
 * service?" with an optional comment.
 */
public record Feedback(String rating, String comment, Channel channel, Instant at) {

    /** The Friends and Family Test's answers, best first. */
    public static final List<String> RATINGS = List.of("Very good", "Good", "Neither good nor poor", "Poor", "Very poor",
            "Don't know");

    public Feedback {
        Objects.requireNonNull(rating, "rating");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(at, "at");
        if (!RATINGS.contains(rating)) {
            throw new IllegalArgumentException("rating must be one of " + RATINGS + ", was " + rating);
        }
    }
}
