package org.signpost.content;

import java.util.Objects;

/** Where a piece of declarative content was written: a file name and a one-based line. */
public record SourceLocation(String file, int line) {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
