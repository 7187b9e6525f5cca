package org.signpost.nlu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.signpost.nlu.entity.EntityRecognizer;
import org.signpost.nlu.entity.EntitySynonymMapper;
import org.signpost.nlu.intent.IntentClassifier;

/**
 * A trained NLU pipeline: tokenise, extract entities, classify the intent (entities included, as
 * markers of their type), map synonyms, and fall back to {@code nlu_fallback} below the confidence threshold. Immutable and thread-safe; parsing
 * is CPU work of microseconds and may run on an event loop.
 */
public final class NluModel {

    private final Tokenizer tokenizer;
    private final IntentClassifier classifier;
    private final EntityRecognizer entities;
    private final EntitySynonymMapper synonyms;
    private final SortedSet<String> intents;
    private final NluSettings settings;

    public NluModel(Tokenizer tokenizer, IntentClassifier classifier, EntityRecognizer entities,
            EntitySynonymMapper synonyms, SortedSet<String> intents, NluSettings settings) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.entities = Objects.requireNonNull(entities, "entities");
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
        List<ExtractedEntity> found = entities.find(text, tokens);
        List<IntentScore> ranking = classifier.rank(EntityRecognizer.classifierWords(tokens, found));
        List<ExtractedEntity> entities = synonyms.apply(found);
        IntentScore top = ranking.get(0);
        if (tokens.isEmpty() || top.confidence() < settings.fallbackThreshold()) {
            IntentScore fallback = new IntentScore(ParseResult.FALLBACK_INTENT, settings.fallbackThreshold());
            List<IntentScore> withFallback = new ArrayList<>(ranking.size() + 1);
            withFallback.add(fallback);
            withFallback.addAll(ranking);
            return new ParseResult(text, fallback, entities, withFallback);
        }
        return new ParseResult(text, top, entities, ranking);
    }

}
