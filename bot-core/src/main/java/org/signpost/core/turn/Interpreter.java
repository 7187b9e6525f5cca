package org.signpost.core.turn;

import org.signpost.nlu.ParseResult;

/**
 * Understands a message's text. The server supplies the current NLU model (which may be swapped
 * while running). Must be thread-safe and fast enough to call on an event loop.
 */
@FunctionalInterface
public interface Interpreter {

    /**
     * @throws org.signpost.error.InvalidInputException when the text is a malformed intent shortcut
     */
    ParseResult parse(String text);
}
