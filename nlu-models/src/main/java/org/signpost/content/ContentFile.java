package org.signpost.content;

import java.util.Objects;

/** The text of one content file together with the name errors should use for it. */
public record ContentFile(String name, String text) {

    public ContentFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }
}
