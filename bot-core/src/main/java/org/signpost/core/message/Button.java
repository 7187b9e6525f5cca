package org.signpost.core.message;

import java.util.Objects;

/** A quick reply: what a person sees ({@code title}) and what is sent back when chosen ({@code payload}). */
public record Button(String title, String payload) {

    public Button {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(payload, "payload");
    }
}
