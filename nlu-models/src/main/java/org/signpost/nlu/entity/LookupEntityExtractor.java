package org.signpost.nlu.entity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.signpost.nlu.ExtractedEntity;
import org.signpost.nlu.Token;
import org.signpost.nlu.Tokenizer;
import org.signpost.nlu.data.EntityAnnotation;
import org.signpost.nlu.data.LookupTable;
import org.signpost.nlu.data.TrainingData;
import org.signpost.nlu.data.TrainingExample;

/**
 * Entities from known phrases: the {@code lookup:} tables and every phrase annotated as an entity
 * in the intent examples. Matches whole words, case-insensitively, longest phrase first.
 */
public final class LookupEntityExtractor implements EntityExtractor {

    public static final String NAME = "LookupEntityExtractor";

    private record Phrase(String[] words, String entity) {
    }

    /** Phrases indexed by their first word, longest first. */
    private final Map<String, List<Phrase>> byFirstWord;

    public LookupEntityExtractor(TrainingData data, Tokenizer tokenizer) {
        Map<String, Map<String, Phrase>> phrases = new HashMap<>();
        for (LookupTable lookup : data.lookups()) {
            lookup.elements().forEach(element -> add(phrases, tokenizer.words(element), lookup.name()));
        }
        for (TrainingExample example : data.examples()) {
            for (EntityAnnotation entity : example.entities()) {
                add(phrases, tokenizer.words(example.text().substring(entity.start(), entity.end())), entity.entity());
            }
        }
        Map<String, List<Phrase>> index = new HashMap<>();
        phrases.forEach((first, byKey) -> {
            List<Phrase> list = new ArrayList<>(byKey.values());
            list.sort(Comparator.comparingInt((Phrase phrase) -> phrase.words().length).reversed());
            index.put(first, List.copyOf(list));
        });
        this.byFirstWord = Map.copyOf(index);
    }

    private static void add(Map<String, Map<String, Phrase>> phrases, String[] words, String entity) {
        if (words.length == 0) {
            return;
        }
        String key = String.join(" ", words) + "\u0000" + entity;
        phrases.computeIfAbsent(words[0], first -> new HashMap<>()).putIfAbsent(key, new Phrase(words, entity));
    }

    @Override
    public List<ExtractedEntity> extract(String text, List<Token> tokens) {
        List<ExtractedEntity> found = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Phrase match = longestAt(tokens, i);
            if (match == null) {
                i++;
                continue;
            }
            int start = tokens.get(i).start();
            int end = tokens.get(i + match.words().length - 1).end();
            found.add(new ExtractedEntity(match.entity(), text.substring(start, end), start, end, NAME, 1.0, List.of()));
            i += match.words().length;
        }
        return found;
    }

    private Phrase longestAt(List<Token> tokens, int position) {
        List<Phrase> candidates = byFirstWord.get(tokens.get(position).text());
        if (candidates == null) {
            return null;
        }
        for (Phrase phrase : candidates) {
            if (position + phrase.words().length <= tokens.size() && matchesAt(tokens, position, phrase.words())) {
                return phrase;
            }
        }
        return null;
    }

    private static boolean matchesAt(List<Token> tokens, int position, String[] words) {
        for (int k = 0; k < words.length; k++) {
            if (!tokens.get(position + k).text().equals(words[k])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return NAME + Arrays.toString(byFirstWord.keySet().stream().limit(5).toArray());
    }
}
