package org.signpost.core.event;

import java.util.Objects;

/** An entity understood in a message, kept in the event log with its normalised value. */
public record EntityValue(String entity, String value) {

    public EntityValue {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(value, "value");
    }
}
