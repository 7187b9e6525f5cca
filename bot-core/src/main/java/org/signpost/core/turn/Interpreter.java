package org.signpost.core.turn;

import io.vertx.core.Future;
import org.signpost.nlu.ParseResult;

/**
 * Understands a message's text: the local NLU model (which may be swapped while running) or a
 * remote one. Never blocks the calling thread. A malformed intent shortcut fails the future with
 * {@link org.signpost.error.InvalidInputException}.
 */
@FunctionalInterface
public interface Interpreter {

    Future<ParseResult> parse(String text);
}
