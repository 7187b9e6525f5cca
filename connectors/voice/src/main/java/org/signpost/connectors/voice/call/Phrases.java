package org.signpost.connectors.voice.call;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.signpost.core.message.Channel;
import org.signpost.core.response.ResponseCatalog;

/**
 * What the phone line itself says, outside any flow: the emergency line, menu options, prompts to
 * use the keypad. The words live in the dialog content ({@code responses/voice.yml}) with the rest
 * of what Signpost says, so they are reviewed like any other content.
 */
public final class Phrases {

    static final String EMERGENCY = "utter_voice_emergency";
    static final String OPTION = "utter_voice_option";
    static final String MORE = "utter_voice_more_options";
    static final String NAVIGATOR_OPTION = "utter_voice_navigator_option";
    static final String KEY_IN = "utter_voice_key_in";
    static final String NOT_HEARD = "utter_voice_not_heard";
    static final String NOT_AN_OPTION = "utter_voice_not_an_option";
    static final String SPELL = "utter_voice_spell";
    static final String NOT_SPELLED = "utter_voice_not_spelled";
    static final String TRANSFERRING = "utter_voice_transferring";
    static final String NO_ANSWER = "utter_voice_no_answer";
    static final String TROUBLE = "utter_voice_trouble";
    static final String NO_NAVIGATOR = "utter_voice_no_navigator";
    static final String CALL_BACK = "utter_voice_call_back";
    static final String NAVIGATOR_KEY_TITLE = "utter_voice_navigator_key_title";
    static final String CALL_STARTED_TITLE = "utter_voice_call_started_title";

    /** Every response the phone line needs from the content; start-up fails without one of them. */
    public static final Set<String> RESPONSES = Set.of(EMERGENCY, OPTION, MORE, NAVIGATOR_OPTION, KEY_IN, NOT_HEARD,
            NOT_AN_OPTION, SPELL, NOT_SPELLED, TRANSFERRING, NO_ANSWER, TROUBLE, NO_NAVIGATOR, CALL_BACK, NAVIGATOR_KEY_TITLE, CALL_STARTED_TITLE);

    private final ResponseCatalog responses;

    public Phrases(ResponseCatalog responses) {
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    String say(String response) {
        return responses.render(response, Channel.VOICE, Map.of(), 0).text();
    }

    /**
     * "Press 2 for Falls": {@code key} and {@code option} fill the response's {@code <key>} and
     * {@code <option>} (the line's own markers: {@code {...}} placeholders are kept for slots).
     */
    String option(char key, String option) {
        return say(OPTION).replace("<key>", String.valueOf(key)).replace("<option>", option);
    }
}
