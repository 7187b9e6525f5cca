package org.signpost.nlu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.signpost.nlu.entity.EntityExtractor;
import org.signpost.nlu.entity.EntityNormaliser;
import org.signpost.nlu.entity.EntitySynonymMapper;
import org.signpost.nlu.intent.IntentClassifier;

/**
 * A trained NLU pipeline: tokenise, classify the intent, extract entities, map synonyms, and fall
 * back to {@code nlu_fallback} below the confidence threshold. Immutable and thread-safe; parsing
 * is CPU work of microseconds and may run on an event loop.
 */
public final class NluModel {

    private final Tokenizer tokenizer;
    private final IntentClassifier classifier;
    private final List<EntityExtractor> extractors;
    private final EntityNormaliser normaliser = new EntityNormaliser();
    private final EntitySynonymMapper synonyms;
    private final SortedSet<String> intents;
    private final NluSettings settings;

    public NluModel(Tokenizer tokenizer, IntentClassifier classifier, List<EntityExtractor> extractors,
            EntitySynonymMapper synonyms, SortedSet<String> intents, NluSettings settings) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.extractors = List.copyOf(extractors);
        this.synonyms = Objects.requireNonNull(synonyms, "synonyms");
        this.intents = Collections.unmodifiableSortedSet(new TreeSet<>(intents));
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The intents this model can predict, alphabetically. */
    public SortedSet<String> intents() {
        return intents;
    }

    public NluSettings settings() {
        return settings;
    }

    /**
     * Parses a message. A message starting with {@code /} is an {@link IntentShortcut}.
     *
     * @throws org.signpost.error.InvalidInputException for a malformed shortcut
     */
    public ParseResult parse(String text) {
        Objects.requireNonNull(text, "text");
        if (IntentShortcut.isShortcut(text)) {
            return IntentShortcut.parse(text).orElseThrow();
        }
        List<Token> tokens = tokenizer.tokenize(text);
        String[] words = tokens.stream().map(Token::text).toArray(String[]::new);
        List<IntentScore> ranking = classifier.rank(words);
        List<ExtractedEntity> entities = synonyms.apply(extractEntities(text, tokens));
        IntentScore top = ranking.get(0);
        if (words.length == 0 || top.confidence() < settings.fallbackThreshold()) {
            IntentScore fallback = new IntentScore(ParseResult.FALLBACK_INTENT, settings.fallbackThreshold());
            List<IntentScore> withFallback = new ArrayList<>(ranking.size() + 1);
            withFallback.add(fallback);
            withFallback.addAll(ranking);
            return new ParseResult(text, fallback, entities, withFallback);
        }
        return new ParseResult(text, top, entities, ranking);
    }

    /** Every extractor's valid findings, overlaps resolved in favour of the longer (then earlier) span. */
    private List<ExtractedEntity> extractEntities(String text, List<Token> tokens) {
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
}
