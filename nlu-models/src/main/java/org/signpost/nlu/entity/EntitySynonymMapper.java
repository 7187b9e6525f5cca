package org.signpost.nlu.entity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.signpost.nlu.ExtractedEntity;
import org.signpost.nlu.Tokenizer;
import org.signpost.nlu.data.EntityAnnotation;
import org.signpost.nlu.data.Synonym;
import org.signpost.nlu.data.TrainingData;
import org.signpost.nlu.data.TrainingExample;

/**
 * Replaces an extracted value by its canonical form ("physio" becomes "physiotherapy"), from the
 * {@code synonym:} items and from annotations whose value differs from their text, as Rasa's
 * component of the same name does. Words are compared after tokenising, so case, spacing and
 * punctuation do not matter.
 */
public final class EntitySynonymMapper {

    public static final String NAME = "EntitySynonymMapper";
    private final Tokenizer tokenizer;
    private final Map<String, String> canonical;

    public EntitySynonymMapper(TrainingData data, Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
        Map<String, String> map = new HashMap<>();
        for (Synonym synonym : data.synonyms()) {
            synonym.examples().forEach(example -> map.putIfAbsent(key(example), synonym.value()));
            map.putIfAbsent(key(synonym.value()), synonym.value());
        }
        for (TrainingExample example : data.examples()) {
            for (EntityAnnotation entity : example.entities()) {
                String written = example.text().substring(entity.start(), entity.end());
                if (!written.equals(entity.value())) {
                    map.putIfAbsent(key(written), entity.value());
                }
            }
        }
        this.canonical = Map.copyOf(map);
    }

    public List<ExtractedEntity> apply(List<ExtractedEntity> entities) {
        return entities.stream().map(this::apply).toList();
    }

    public ExtractedEntity apply(ExtractedEntity entity) {
        String value = canonical.get(key(entity.value()));
        return value == null || value.equals(entity.value()) ? entity : entity.withValue(value, NAME);
    }

    private String key(String text) {
        return String.join(" ", tokenizer.words(text));
    }
}
