package org.signpost.nlu.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.content.ContentFile;
import org.signpost.nlu.ExtractedEntity;
import org.signpost.nlu.NluModel;
import org.signpost.nlu.NluSettings;
import org.signpost.nlu.ParseResult;
import org.signpost.nlu.data.RasaYamlReader;
import org.signpost.nlu.data.TrainingData;

class NluTrainerTest {

    private static final TrainingData DATA = new RasaYamlReader().read(new ContentFile("nlu.yml", """
            version: "3.1"
            nlu:
            - intent: greet
              examples: |
                - hi
                - hello
                - hello there
                - good morning
                - hiya
                - hey
            - intent: find_service
              examples: |
                - is there a [falls](service_category) service
                - where can I get help with my [drinking]{"entity":"service_category","value":"alcohol and drugs"}
                - I need [physio]{"entity":"service_category","value":"physiotherapy"} in [Stourbridge](locality)
                - who can help with [falls](service_category) in [Halesowen](locality)
                - looking for a service for my [back pain]{"entity":"service_category","value":"physiotherapy"}
                - what services are there for [carers](service_category)
            - intent: goodbye
              examples: |
                - bye
                - goodbye
                - see you later
                - that's all thanks bye
                - cheerio
                - bye for now
            - synonym: Stourbridge
              examples: |
                - Lye
                - Wollescote
            - lookup: locality
              examples: |
                - Stourbridge
                - Lye
                - Wollescote
                - Halesowen
            - regex: postcode
              examples: |
                - \\b[A-Z]{1,2}\\d[A-Z\\d]?\\s*\\d[A-Z]{2}\\b
            """));

    private final NluModel model = new NluTrainer(Optional.empty()).train(DATA, NluSettings.DEFAULTS);

    @Test
    void classifiesWordingSimilarToTheExamples() {
        assertThat(model.parse("hello!").intent().name()).isEqualTo("greet");
        assertThat(model.parse("is there a service for falls").intent().name()).isEqualTo("find_service");
        assertThat(model.parse("ok bye then").intent().name()).isEqualTo("goodbye");
    }

    @Test
    void ranksEveryIntentWithConfidencesSummingToOne() {
        ParseResult result = model.parse("hello");

        assertThat(result.intentRanking()).extracting("name").containsExactlyInAnyOrder("greet", "find_service", "goodbye");
        assertThat(result.intentRanking().stream().mapToDouble(s -> s.confidence()).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(result.intentRanking().get(0)).isEqualTo(result.intent());
    }

    @Test
    void extractsLookupEntitiesAndMapsSynonyms() {
        ParseResult result = model.parse("any physio in lye?");

        assertThat(result.entities()).extracting(ExtractedEntity::entity, ExtractedEntity::value, ExtractedEntity::start, ExtractedEntity::end)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("service_category", "physiotherapy", 4, 10),
                        org.assertj.core.groups.Tuple.tuple("locality", "Stourbridge", 14, 17));
        assertThat(result.entities().get(1).processors()).containsExactly("EntitySynonymMapper");
        assertThat(result.entities().get(1).extractor()).isEqualTo("LookupEntityExtractor");
    }

    @Test
    void extractsRegexEntities() {
        ParseResult result = model.parse("my postcode is dy8 1ab");

        assertThat(result.entity("postcode")).contains("DY8 1AB");
        assertThat(result.entities().get(0).extractor()).isEqualTo("RegexEntityExtractor");
    }

    @Test
    void fallsBackBelowTheThreshold() {
        NluModel strict = new NluTrainer(Optional.empty()).train(DATA, NluSettings.DEFAULTS.withFallbackThreshold(0.99));

        ParseResult result = strict.parse("quantum chromodynamics");

        assertThat(result.isFallback()).isTrue();
        assertThat(result.intent().confidence()).isEqualTo(0.99);
        assertThat(result.intentRanking().get(0).name()).isEqualTo(ParseResult.FALLBACK_INTENT);
        assertThat(result.intentRanking()).hasSize(4);
    }

    @Test
    void fallsBackOnAMessageWithNoWords() {
        assertThat(model.parse("?!").isFallback()).isTrue();
    }

    @Test
    void reusesACachedModelForUnchangedData(@TempDir Path directory) throws Exception {
        ModelCache cache = new ModelCache(directory);
        NluTrainer trainer = new NluTrainer(Optional.of(cache));
        assertThat(trainer.isCached(DATA, NluSettings.DEFAULTS)).isFalse();

        NluModel first = trainer.train(DATA, NluSettings.DEFAULTS);

        assertThat(trainer.isCached(DATA, NluSettings.DEFAULTS)).isTrue();
        try (var files = Files.list(directory)) {
            assertThat(files.filter(f -> f.toString().endsWith(".bin")).count()).isEqualTo(1);
        }
        NluModel second = trainer.train(DATA, NluSettings.DEFAULTS);
        assertThat(second.parse("good morning").intentRanking()).isEqualTo(first.parse("good morning").intentRanking());
    }
}
