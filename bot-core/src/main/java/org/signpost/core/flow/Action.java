package org.signpost.core.flow;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Set;

/**
 * Code a flow can call by name ({@code action_*}): search the directory, escalate, and so on.
 * Actions never block the calling thread and report failure as a failed future. What they
 * declare is checked against the content at start-up.
 */
public interface Action {

    /** The name flows use, starting with {@code action_}. */
    String name();

    /** The responses this action may say; none by default. */
    default Set<String> responses() {
        return Set.of();
    }

    /** Placeholders this action fills in its responses, beyond the slots; none by default. */
    default Set<String> variables() {
        return Set.of();
    }

    /** Step arguments this action understands. */
    default Set<String> arguments() {
        return Set.of();
    }

    /**
     * Checks a flow step's argument values at start-up.
     *
     * @throws IllegalArgumentException saying what is wrong with a value
     */
    default void checkArguments(Map<String, String> arguments) {
    }

    Future<ActionResult> run(ActionContext context);
}
