package org.signpost.content;

import java.util.Objects;
import org.signpost.error.SignpostException;

/**
 * Declarative content (training data, flows, responses, the directory) that cannot be used. The
 * message always starts with the file and line, so a start-up failure points at what to fix.
 */
public final class ContentException extends SignpostException {

    private final String file;
    private final int line;

    public ContentException(String file, int line, String problem) {
        super(file + ":" + line + ": " + Objects.requireNonNull(problem, "problem"));
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
    }

    public ContentException(SourceLocation where, String problem) {
        this(where.file(), where.line(), problem);
    }

    public String file() {
        return file;
    }

    /** One-based line number, or 0 when the problem concerns the file as a whole. */
    public int line() {
        return line;
    }
}
