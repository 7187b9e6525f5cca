package org.signpost.nlu.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Everything read from Rasa NLU files: intent examples, synonyms, regexes and lookup tables.
 * Immutable; several files are combined with {@link #merge}.
 */
public record TrainingData(
        List<TrainingExample> examples,
        List<Synonym> synonyms,
        List<RegexFeature> regexes,
        List<LookupTable> lookups) {

    public static final TrainingData EMPTY = new TrainingData(List.of(), List.of(), List.of(), List.of());

    public TrainingData {
        examples = List.copyOf(examples);
        synonyms = List.copyOf(synonyms);
        regexes = List.copyOf(regexes);
        lookups = List.copyOf(lookups);
    }

    public static TrainingData merge(List<TrainingData> parts) {
        List<TrainingExample> examples = new ArrayList<>();
        List<Synonym> synonyms = new ArrayList<>();
        List<RegexFeature> regexes = new ArrayList<>();
        List<LookupTable> lookups = new ArrayList<>();
        for (TrainingData part : parts) {
            examples.addAll(part.examples);
            synonyms.addAll(part.synonyms);
            regexes.addAll(part.regexes);
            lookups.addAll(part.lookups);
        }
        return new TrainingData(examples, synonyms, regexes, lookups);
    }

    /** Intent names in alphabetical order. */
    public SortedSet<String> intents() {
        SortedSet<String> names = new TreeSet<>();
        examples.forEach(example -> names.add(example.intent()));
        return names;
    }

    /** Entity types that examples annotate or that regexes and lookups produce. */
    public SortedSet<String> entityTypes() {
        SortedSet<String> names = new TreeSet<>();
        examples.forEach(example -> example.entities().forEach(entity -> names.add(entity.entity())));
        regexes.forEach(regex -> names.add(regex.name()));
        lookups.forEach(lookup -> names.add(lookup.name()));
        return names;
    }

    public List<TrainingExample> examplesOf(String intent) {
        return examples.stream().filter(example -> example.intent().equals(intent)).toList();
    }

    /**
     * A SHA-256 over everything that influences a trained model (not over file names or line
     * numbers), so an unchanged model can be found again after a restart.
     */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (TrainingExample example : examples) {
                update(digest, "x", example.intent(), example.text());
                for (EntityAnnotation entity : example.entities()) {
                    update(digest, "e", entity.entity(), entity.value(), entity.start() + ":" + entity.end());
                }
            }
            for (Synonym synonym : synonyms) {
                update(digest, "s", synonym.value(), String.join("\u0001", synonym.examples()));
            }
            for (RegexFeature regex : regexes) {
                update(digest, "r", regex.name(),
                        String.join("\u0001", regex.patterns().stream().map(Pattern::pattern).toList()));
            }
            for (LookupTable lookup : lookups) {
                update(digest, "l", lookup.name(), String.join("\u0001", lookup.elements()));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void update(MessageDigest digest, String... parts) {
        for (String part : parts) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        digest.update((byte) '\n');
    }
}
