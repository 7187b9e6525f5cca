package org.signpost.nlu.entity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.signpost.nlu.ExtractedEntity;
import org.signpost.nlu.Token;

/**
 * Finds the entities in a message: every extractor's valid findings, overlaps resolved in favour
 * of the longer (then earlier) span. Values are as found; synonyms are mapped afterwards.
 * Immutable and thread-safe when its extractors are.
 */
public final class EntityRecognizer {

    private final List<EntityExtractor> extractors;
    private final EntityNormaliser normaliser = new EntityNormaliser();

    /** @param extractors in order of preference for equal spans */
    public EntityRecognizer(List<EntityExtractor> extractors) {
        this.extractors = List.copyOf(extractors);
    }

    public List<ExtractedEntity> find(String text, List<Token> tokens) {
        List<ExtractedEntity> found = new ArrayList<>();
        for (EntityExtractor extractor : extractors) {
            found.addAll(extractor.extract(text, tokens));
        }
        // Invalid values (an NHS number failing its check) go before overlaps are settled, so
        // they cannot hide a valid entity of another type in the same place.
        List<ExtractedEntity> all = new ArrayList<>(normaliser.apply(found));
        if (all.size() < 2) {
            return all;
        }
        all.sort(Comparator.comparingInt(ExtractedEntity::length).reversed()
                .thenComparingInt(ExtractedEntity::start));
        List<ExtractedEntity> kept = new ArrayList<>();
        for (ExtractedEntity candidate : all) {
            boolean overlaps = kept.stream().anyMatch(k -> candidate.start() < k.end() && k.start() < candidate.end());
            if (!overlaps) {
                kept.add(candidate);
            }
        }
        kept.sort(Comparator.comparingInt(ExtractedEntity::start));
        return kept;
    }

    /**
     * What the intent classifier reads: the words, then one marker per entity found
     * ({@code __locality__}), so that "Stourbridge" and "Brierley Hill" look alike to it even when
     * only one of them was in the training examples.
     */
    public static String[] classifierWords(List<Token> tokens, List<ExtractedEntity> entities) {
        String[] words = new String[tokens.size() + entities.size()];
        for (int i = 0; i < tokens.size(); i++) {
            words[i] = tokens.get(i).text();
        }
        for (int i = 0; i < entities.size(); i++) {
            words[tokens.size() + i] = "__" + entities.get(i).entity() + "__";
        }
        return words;
    }
}
