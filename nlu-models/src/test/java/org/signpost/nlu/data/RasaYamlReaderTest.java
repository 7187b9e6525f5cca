package org.signpost.nlu.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.signpost.content.ContentException;
import org.signpost.content.ContentFile;

class RasaYamlReaderTest {

    private final RasaYamlReader reader = new RasaYamlReader();

    private TrainingData read(String yaml) {
        return reader.read(new ContentFile("nlu.yml", yaml));
    }

    @Test
    void readsIntentsWithPlainAndAnnotatedExamples() {
        TrainingData data = read("""
                version: "3.1"
                nlu:
                - intent: find_service
                  examples: |
                    - is there a [falls](service_category) service in [Lye]{"entity":"locality","value":"Stourbridge"}
                    - physio near me
                - intent: greet
                  examples: |
                    - hi
                """);

        assertThat(data.intents()).containsExactly("find_service", "greet");
        TrainingExample first = data.examples().get(0);
        assertThat(first.text()).isEqualTo("is there a falls service in Lye");
        assertThat(first.entities()).containsExactly(
                new EntityAnnotation("service_category", "falls", 11, 16),
                new EntityAnnotation("locality", "Stourbridge", 28, 31));
        assertThat(first.location().line()).isEqualTo(5);
        assertThat(data.examples().get(1).location().line()).isEqualTo(6);
    }

    @Test
    void readsSynonymsRegexesAndLookups() {
        TrainingData data = read("""
                version: "3.1"
                nlu:
                - synonym: physiotherapy
                  examples: |
                    - physio
                    - physiotherapist
                - regex: postcode
                  examples: |
                    - \\b[A-Z]{1,2}\\d[A-Z\\d]?\\s*\\d[A-Z]{2}\\b
                - lookup: locality
                  examples: |
                    - Sedgley
                    - Coseley
                """);

        assertThat(data.synonyms()).containsExactly(new Synonym("physiotherapy", List.of("physio", "physiotherapist")));
        assertThat(data.regexes().get(0).patterns().get(0).matcher("my postcode is dy8 1ab").find()).isTrue();
        assertThat(data.lookups().get(0).elements()).containsExactly("Sedgley", "Coseley");
    }

    @Test
    void acceptsExamplesWrittenAsAListOfTexts() {
        TrainingData data = read("""
                nlu:
                - intent: greet
                  examples:
                  - text: hello
                  - text: good morning
                """);

        assertThat(data.examples()).extracting(TrainingExample::text).containsExactly("hello", "good morning");
    }

    @Test
    void ignoresDialogueKeysRasaKeepsInTheSameFiles() {
        TrainingData data = read("""
                version: "3.1"
                responses:
                  utter_greet:
                  - text: hi
                nlu:
                - intent: greet
                  examples: |
                    - hi
                """);

        assertThat(data.examples()).hasSize(1);
    }

    @Test
    void namesFileAndLineOfAYamlSyntaxError() {
        assertThatThrownBy(() -> read("""
                nlu:
                - intent: greet
                  examples: |
                    - hi
                 - intent: [broken
                """))
                .isInstanceOf(ContentException.class)
                .hasMessageStartingWith("nlu.yml:5: invalid YAML");
    }

    @Test
    void rejectsAnExampleLineWithoutADash() {
        assertThatThrownBy(() -> read("""
                nlu:
                - intent: greet
                  examples: |
                    - hi
                    hello there
                """))
                .isInstanceOf(ContentException.class)
                .hasMessage("nlu.yml:5: each example must start with '- ', found 'hello there'");
    }

    @Test
    void rejectsAnItemWithoutAKind() {
        assertThatThrownBy(() -> read("""
                nlu:
                - examples: |
                    - hi
                """))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("nlu.yml:2:")
                .hasMessageContaining("exactly one of intent, synonym, regex or lookup");
    }

    @Test
    void rejectsAMisspeltKey() {
        assertThatThrownBy(() -> read("""
                nlu:
                - intent: greet
                  exmples: |
                    - hi
                """))
                .isInstanceOf(ContentException.class)
                .hasMessageStartingWith("nlu.yml:3: unknown key 'exmples'");
    }

    @Test
    void rejectsAnUnknownTopLevelKey() {
        assertThatThrownBy(() -> read("""
                nul:
                - intent: greet
                """))
                .isInstanceOf(ContentException.class)
                .hasMessageStartingWith("nlu.yml:1: unknown key 'nul'");
    }

    @Test
    void rejectsAnInvalidRegexWithItsLine() {
        assertThatThrownBy(() -> read("""
                nlu:
                - regex: postcode
                  examples: |
                    - [A-Z
                """))
                .isInstanceOf(ContentException.class)
                .hasMessageStartingWith("nlu.yml:4: invalid regular expression");
    }

    @Test
    void rejectsAnnotationJsonWithoutAnEntity() {
        assertThatThrownBy(() -> read("""
                nlu:
                - intent: inform
                  examples: |
                    - I live in [Lye]{"value":"Stourbridge"}
                """))
                .isInstanceOf(ContentException.class)
                .hasMessageStartingWith("nlu.yml:4: entity annotation without \"entity\"");
    }

    @Test
    void rejectsAnnotationThatIsNotJson() {
        assertThatThrownBy(() -> read("""
                nlu:
                - intent: inform
                  examples: |
                    - I live in [Lye]{"entity": "locality", "value": "Stour}
                """))
                .isInstanceOf(ContentException.class)
                .hasMessageStartingWith("nlu.yml:4: entity annotation");
    }

    @Test
    void rejectsAnUnsupportedVersion() {
        assertThatThrownBy(() -> read("""
                version: "1.0"
                nlu: []
                """))
                .isInstanceOf(ContentException.class)
                .hasMessageStartingWith("nlu.yml:1: unsupported training data version");
    }

    @Test
    void rejectsAnIntentWithNoExamples() {
        assertThatThrownBy(() -> read("""
                nlu:
                - intent: greet
                  examples: |

                """))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("has no examples");
    }

    @Test
    void fingerprintChangesWithTheDataButNotWithLayout() {
        TrainingData a = read("nlu:\n- intent: greet\n  examples: |\n    - hi\n");
        TrainingData b = read("\n\nnlu:\n- intent: greet\n  examples: |\n    - hi\n");
        TrainingData c = read("nlu:\n- intent: greet\n  examples: |\n    - hello\n");

        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
    }
}
