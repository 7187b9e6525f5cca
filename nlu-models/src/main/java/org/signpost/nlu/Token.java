package org.signpost.nlu;

import java.util.Objects;

/** A normalised word of a message and where it was written ({@code [start, end)} of the original). */
public record Token(String text, int start, int end) {

    public Token {
        Objects.requireNonNull(text, "text");
    }
}
