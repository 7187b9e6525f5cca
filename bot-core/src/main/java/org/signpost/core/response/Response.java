package org.signpost.core.response;

import java.util.List;
import java.util.Objects;
import org.signpost.content.SourceLocation;

/** A named bot response ({@code utter_*}) with its variants. */
public record Response(String name, List<ResponseVariant> variants, SourceLocation location) {

    public Response {
        Objects.requireNonNull(name, "name");
        variants = List.copyOf(variants);
        Objects.requireNonNull(location, "location");
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("response " + name + " needs at least one variant");
        }
    }
}
