package org.signpost.error;

import java.util.Objects;

/**
 * Input from outside (an HTTP body, a webhook, a frame) that Signpost will not accept. Edges turn
 * it into a 4xx answer carrying {@link #error()} (a short machine-readable code) and
 * {@link #getMessage()} (what was wrong, for a person).
 */
public final class InvalidInputException extends SignpostException {

    private final String error;

    public InvalidInputException(String error, String detail) {
        super(Objects.requireNonNull(detail, "detail"));
        this.error = Objects.requireNonNull(error, "error");
    }

    /** A short code such as {@code invalid_json} or {@code missing_field}. */
    public String error() {
        return error;
    }
}
