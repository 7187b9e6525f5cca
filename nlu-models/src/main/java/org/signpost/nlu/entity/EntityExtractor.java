package org.signpost.nlu.entity;

import java.util.List;
import org.signpost.nlu.ExtractedEntity;
import org.signpost.nlu.Token;

/** Finds entities in a message. Implementations are immutable and thread-safe. */
public interface EntityExtractor {

    /**
     * @param text the message as written
     * @param tokens {@code text} tokenised, with offsets into it
     */
    List<ExtractedEntity> extract(String text, List<Token> tokens);
}
