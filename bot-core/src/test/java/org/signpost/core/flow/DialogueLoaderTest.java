package org.signpost.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.signpost.content.ContentException;
import org.signpost.content.ContentFile;
import org.signpost.core.message.Channel;

class DialogueLoaderTest {

    private final DialogueLoader loader = new DialogueLoader(TestDialogue.INTENTS, TestDialogue.ENTITIES,
            List.of(new RecordingAction()));

    private Dialogue loadWith(String extraName, String extra) {
        List<ContentFile> files = new ArrayList<>(TestDialogue.files());
        files.add(new ContentFile(extraName, extra));
        return loader.load(files);
    }

    @Test
    void loadsFlowsSlotsResponsesAndSessionSettings() {
        Dialogue dialogue = loader.load(TestDialogue.files());

        assertThat(dialogue.flowFor("find_service")).map(Flow::id).contains("find_service");
        assertThat(dialogue.flow("find_service").orElseThrow().steps()).hasSize(4);
        assertThat(dialogue.slot("locality").orElseThrow().values()).containsExactly("Halesowen", "Stourbridge");
        assertThat(dialogue.sessionExpiry()).isEqualTo(Duration.ofMinutes(30));
        CollectStep first = (CollectStep) dialogue.flow("find_service").orElseThrow().steps().get(0);
        assertThat(first.ask()).isEqualTo("utter_ask_service_category");
        assertThat(first.reprompt()).isEqualTo("utter_ask_service_category_again");
        assertThat(first.location().toString()).isEqualTo("flows.yml:16");
    }

    @Test
    void rendersTheVariantForTheChannel() {
        Dialogue dialogue = loader.load(TestDialogue.files());

        assertThat(dialogue.responses().render("utter_ask_locality", Channel.VOICE, Map.of(), 0).text())
                .isEqualTo("Where do you live? (phone)");
        assertThat(dialogue.responses().render("utter_ask_locality", Channel.WEB, Map.of(), 1).text())
                .isEqualTo("Where do you live?");
    }

    @Test
    void anUnknownIntentIsAnErrorWithFileAndLine() {
        assertThatThrownBy(() -> loadWith("extra.yml", """
                flows:
                  booking:
                    title: Book
                    intents: [book_taxi]
                    steps:
                      - action: utter_help
                """))
                .isInstanceOf(ContentException.class)
                .hasMessage("extra.yml:4: unknown intent 'book_taxi' (not in the NLU training data)");
    }

    @Test
    void anUnknownSlotIsAnError() {
        assertThatThrownBy(() -> loadWith("extra.yml", """
                flows:
                  ask_age:
                    title: Age
                    steps:
                      - collect: age
                """))
                .isInstanceOf(ContentException.class)
                .hasMessage("extra.yml:5: unknown slot 'age'");
    }

    @Test
    void anUnknownResponseIsAnError() {
        assertThatThrownBy(() -> loadWith("extra.yml", """
                flows:
                  chat:
                    title: Chat
                    steps:
                      - action: utter_nothing_here
                """))
                .isInstanceOf(ContentException.class)
                .hasMessage("extra.yml:5: unknown response 'utter_nothing_here'");
    }

    @Test
    void aMissingQuestionForACollectedSlotIsAnError() {
        assertThatThrownBy(() -> loadWith("extra.yml", """
                slots:
                  age: {}
                flows:
                  ask_age:
                    title: Age
                    steps:
                      - collect: age
                """))
                .isInstanceOf(ContentException.class)
                .hasMessage("extra.yml:7: unknown response 'utter_ask_age'");
    }

    @Test
    void anUnknownActionIsAnError() {
        assertThatThrownBy(() -> loadWith("extra.yml", """
                flows:
                  chat:
                    title: Chat
                    steps:
                      - action: action_book_taxi
                """))
                .isInstanceOf(ContentException.class)
                .hasMessageStartingWith("extra.yml:5: unknown action 'action_book_taxi'");
    }

    @Test
    void actionArgumentsAreChecked() {
        assertThatThrownBy(() -> loadWith("extra.yml", """
                flows:
                  chat:
                    title: Chat
                    steps:
                      - action: action_record
                        with:
                          mode: slow
                """))
                .isInstanceOf(ContentException.class)
                .hasMessage("extra.yml:7: mode must be fast");
        assertThatThrownBy(() -> loadWith("extra.yml", """
                flows:
                  chat:
                    title: Chat
                    steps:
                      - action: action_record
                        with:
                          speed: fast
                """))
                .isInstanceOf(ContentException.class)
                .hasMessageStartingWith("extra.yml:7: action 'action_record' has no argument 'speed'");
    }

    @Test
    void anIntentMayStartOnlyOneFlow() {
        assertThatThrownBy(() -> loadWith("extra.yml", """
                flows:
                  hello_again:
                    title: Hello again
                    intents: [greet]
                    steps:
                      - action: utter_help
                """))
                .isInstanceOf(ContentException.class)
                .hasMessageStartingWith("extra.yml:3: intent 'greet' already starts the flow defined at flows.yml:3");
    }

    @Test
    void aSlotFromAnUnknownEntityIsAnError() {
        assertThatThrownBy(() -> loadWith("extra.yml", """
                slots:
                  age:
                    from_entity: age_in_years
                """))
                .isInstanceOf(ContentException.class)
                .hasMessageStartingWith("extra.yml:3: unknown entity 'age_in_years'");
    }

    @Test
    void aPlaceholderNoSlotOrActionFillsIsAnError() {
        assertThatThrownBy(() -> loadWith("extra.yml", """
                responses:
                  utter_hello_name:
                    - text: "Hello {first_name}"
                """))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("extra.yml:3: response 'utter_hello_name' uses {first_name}");
    }

    @Test
    void aButtonForAnUnknownIntentIsAnError() {
        assertThatThrownBy(() -> loadWith("extra.yml", """
                responses:
                  utter_menu:
                    - text: Pick one
                      buttons:
                        - title: Taxi
                          payload: /book_taxi
                """))
                .isInstanceOf(ContentException.class)
                .hasMessage("extra.yml:6: button payload names unknown intent 'book_taxi'");
    }

    @Test
    void aSetSlotsValueOutsideTheSlotsValuesIsAnError() {
        assertThatThrownBy(() -> loadWith("extra.yml", """
                flows:
                  lye:
                    title: Lye
                    steps:
                      - set_slots:
                          locality: Lye
                """))
                .isInstanceOf(ContentException.class)
                .hasMessage("extra.yml:6: 'Lye' is not a value of slot 'locality'");
    }

    @Test
    void aResponseDefinedTwiceIsAnError() {
        assertThatThrownBy(() -> loadWith("extra.yml", """
                responses:
                  utter_help:
                    - text: Again
                """))
                .isInstanceOf(ContentException.class)
                .hasMessage("extra.yml:2: response 'utter_help' is defined twice");
    }

    @Test
    void theEngineResponsesMustExist() {
        assertThatThrownBy(() -> loader.load(List.of(new ContentFile("domain.yml", TestDialogue.DOMAIN))))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("missing response 'utter_");
    }

    @Test
    void aConditionOnAnUnknownSlotOrValueIsAnError() {
        assertThatThrownBy(() -> loadWith("extra.yml", """
                flows:
                  chat:
                    title: Chat
                    steps:
                      - action: utter_help
                        if: mood == happy
                """))
                .isInstanceOf(ContentException.class)
                .hasMessage("extra.yml:6: unknown slot 'mood' in condition");
        assertThatThrownBy(() -> loadWith("extra.yml", """
                flows:
                  chat:
                    title: Chat
                    steps:
                      - action: utter_help
                        if: locality == Birmingham
                """))
                .isInstanceOf(ContentException.class)
                .hasMessage("extra.yml:6: 'Birmingham' is not a value of slot 'locality'");
    }

    @Test
    void aJumpToAnUnknownStepIsAnError() {
        assertThatThrownBy(() -> loadWith("extra.yml", """
                flows:
                  chat:
                    title: Chat
                    steps:
                      - action: utter_help
                        next: nowhere
                """))
                .isInstanceOf(ContentException.class)
                .hasMessage("extra.yml:5: next: 'nowhere' is no step id of flow 'chat'");
    }

    @Test
    void aButtonMaySetOnlyEntitiesOrButtonSlots() {
        assertThatThrownBy(() -> loadWith("extra.yml", """
                responses:
                  utter_pick:
                    - text: Pick
                      buttons:
                        - title: Soon
                          payload: '/inform{"speed": "soon"}'
                """))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("button payload sets 'speed'");
    }

    @Test
    void anUnknownValidatorIsAnError() {
        assertThatThrownBy(() -> loadWith("extra.yml", """
                slots:
                  age:
                    validator: shoe_size
                """))
                .isInstanceOf(ContentException.class)
                .hasMessageStartingWith("extra.yml:3: unknown validator 'shoe_size'");
    }

    @Test
    void aMisspeltStepKeyIsAnError() {
        assertThatThrownBy(() -> loadWith("extra.yml", """
                flows:
                  chat:
                    title: Chat
                    steps:
                      - colect: locality
                """))
                .isInstanceOf(ContentException.class)
                .hasMessage("extra.yml:5: a step needs one of collect, action, set_slots or reset_slots");
    }
}
