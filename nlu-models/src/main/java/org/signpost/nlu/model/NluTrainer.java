package org.signpost.nlu.model;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import opennlp.tools.doccat.DocumentSample;
import org.signpost.content.ContentException;
import org.signpost.nlu.NluModel;
import org.signpost.nlu.NluSettings;
import org.signpost.nlu.Token;
import org.signpost.nlu.Tokenizer;
import org.signpost.nlu.data.TrainingData;
import org.signpost.nlu.entity.DateEntityExtractor;
import org.signpost.nlu.entity.EntityRecognizer;
import org.signpost.nlu.entity.EntitySynonymMapper;
import org.signpost.nlu.entity.LookupEntityExtractor;
import org.signpost.nlu.entity.RegexEntityExtractor;
import org.signpost.nlu.intent.IntentClassifier;
import org.signpost.nlu.intent.LinearIntentClassifier;
import org.signpost.nlu.intent.OpenNlpIntentClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an {@link NluModel} from training data, reusing a cached intent model when the data and
 * the pipeline are unchanged. Training is blocking CPU work: never call it on an event loop.
 */
public final class NluTrainer {

    /**
     * Bump when featurisation or training changes, so old cached models are not reused (other
     * word vectors change the key by themselves: {@link NluSettings#trainingKey} holds their
     * fingerprint).
     */
    static final String PIPELINE_VERSION = "pipeline-6";
    /** Entity types read by their form (with checks) rather than looked up as phrases. */
    static final Set<String> STRUCTURED = Set.of("date", "postcode", "nhs_number", "phone_number", "referral_id");
    private static final Logger LOG = LoggerFactory.getLogger(NluTrainer.class);

    private final Tokenizer tokenizer = new Tokenizer();
    private final Optional<ModelCache> cache;
    private final Clock clock;

    /** @param clock resolves relative dates ("tomorrow") in parsed messages */
    public NluTrainer(Optional<ModelCache> cache, Clock clock) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public NluTrainer(Optional<ModelCache> cache) {
        this(cache, Clock.systemUTC());
    }

    /** Whether a model for this data is already in the cache (so {@link #train} will be quick). */
    public boolean isCached(TrainingData data, NluSettings settings) {
        return cache.map(c -> c.contains(key(data, settings))).orElse(false);
    }

    public NluModel train(TrainingData data, NluSettings settings) {
        Objects.requireNonNull(data, "data");
        if (data.intents().size() < 2) {
            throw new ContentException("training data", 0,
                    "at least two intents with examples are needed, found " + data.intents());
        }
        String key = key(data, settings);
        // Order matters for equal spans: the extractors that read a form come first.
        EntityRecognizer entities = new EntityRecognizer(List.of(new DateEntityExtractor(clock),
                new RegexEntityExtractor(data.regexes()), new LookupEntityExtractor(data, tokenizer, STRUCTURED)));
        IntentClassifier classifier = cache.flatMap(c -> c.get(key))
                .map(bytes -> load(bytes, settings))
                .orElseGet(() -> trainAndCache(data, settings, key, entities));
        return new NluModel(tokenizer, classifier, entities, new EntitySynonymMapper(data, tokenizer), data.intents(), settings);
    }

    /** The words the classifier reads for an example: as at parse time, with its entities' markers. */
    private String[] classifierWords(String text, EntityRecognizer entities) {
        List<Token> tokens = tokenizer.tokenize(text);
        return EntityRecognizer.classifierWords(tokens, entities.find(text, tokens));
    }

    private IntentClassifier trainAndCache(TrainingData data, NluSettings settings, String key, EntityRecognizer entities) {
        long started = System.nanoTime();
        IntentClassifier classifier;
        byte[] serialized;
        if (settings.classifier() == NluSettings.Classifier.MAXENT) {
            List<DocumentSample> samples = data.examples().stream()
                    .map(example -> new DocumentSample(example.intent(), classifierWords(example.text(), entities))).toList();
            OpenNlpIntentClassifier maxent = OpenNlpIntentClassifier.train(samples, settings.maxentIterations());
            classifier = maxent;
            serialized = cache.isPresent() ? maxent.serialize() : null;
        } else {
            List<Map.Entry<String, String[]>> samples = data.examples().stream()
                    .map(example -> Map.entry(example.intent(), classifierWords(example.text(), entities))).toList();
            LinearIntentClassifier linear = LinearIntentClassifier.train(samples, settings.linear());
            classifier = linear;
            serialized = cache.isPresent() ? linear.serialize() : null;
        }
        LOG.info("Trained the intent model on {} examples of {} intents in {} ms", data.examples().size(),
                data.intents().size(), (System.nanoTime() - started) / 1_000_000);
        cache.ifPresent(c -> c.put(key, serialized));
        return classifier;
    }

    private static IntentClassifier load(byte[] serialized, NluSettings settings) {
        return settings.classifier() == NluSettings.Classifier.MAXENT
                ? OpenNlpIntentClassifier.load(serialized) : LinearIntentClassifier.load(serialized);
    }

    private static String key(TrainingData data, NluSettings settings) {
        String shape = Integer.toHexString(settings.trainingKey().hashCode());
        return "intent-" + PIPELINE_VERSION + "-" + shape + "-" + data.fingerprint().substring(0, 32);
    }
}
