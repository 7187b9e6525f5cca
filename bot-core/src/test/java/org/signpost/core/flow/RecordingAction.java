package org.signpost.core.flow;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code action_record}: remembers each context it ran with, provides {@code {found}}, can be made to fail. */
public final class RecordingAction implements Action {

    public final List<ActionContext> runs = new ArrayList<>();
    /** When set, the next run fails as if a store were down. */
    public boolean failNext;

    @Override
    public String name() {
        return "action_record";
    }

    @Override
    public Set<String> variables() {
        return Set.of("found");
    }

    @Override
    public Set<String> arguments() {
        return Set.of("mode");
    }

    @Override
    public void checkArguments(Map<String, String> arguments) {
        if (arguments.containsKey("mode") && !arguments.get("mode").equals("fast")) {
            throw new IllegalArgumentException("mode must be fast");
        }
    }

    @Override
    public Future<ActionResult> run(ActionContext context) {
        if (failNext) {
            failNext = false;
            return Future.failedFuture(new IllegalStateException("directory unavailable"));
        }
        runs.add(context);
        return Future.succeededFuture(ActionResult.say());
    }
}
