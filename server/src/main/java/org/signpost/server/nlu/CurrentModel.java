package org.signpost.server.nlu;

import io.vertx.core.Future;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.signpost.core.turn.Interpreter;
import org.signpost.nlu.NluModel;
import org.signpost.nlu.ParseResult;

/**
 * The NLU model in use. A new model is swapped in atomically: every parse uses either the old
 * model or the new one, whole, so serving never stops while a model is replaced.
 */
public final class CurrentModel implements Interpreter {

    private final AtomicReference<NluModel> model;

    public CurrentModel(NluModel initial) {
        this.model = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    public NluModel get() {
        return model.get();
    }

    public void swap(NluModel next) {
        model.set(Objects.requireNonNull(next, "next"));
    }

    @Override
    public Future<ParseResult> parse(String text) {
        try {
            return Future.succeededFuture(model.get().parse(text));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
