package org.signpost.nlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.signpost.error.InvalidInputException;

class IntentShortcutTest {

    @Test
    void parsesAnIntentWithEntities() {
        ParseResult result = IntentShortcut.parse("/find_service{\"locality\": \"Halesowen\"}").orElseThrow();

        assertThat(result.intent()).isEqualTo(new IntentScore("find_service", 1.0));
        assertThat(result.entity("locality")).contains("Halesowen");
    }

    @Test
    void parsesABareIntent() {
        assertThat(IntentShortcut.parse("/greet").orElseThrow().entities()).isEmpty();
    }

    @Test
    void ignoresOrdinaryText() {
        assertThat(IntentShortcut.parse("hello")).isEmpty();
    }

    @Test
    void rejectsMalformedShortcuts() {
        assertThatThrownBy(() -> IntentShortcut.parse("/")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> IntentShortcut.parse("/greet{not json")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> IntentShortcut.parse("/greet{\"a\": [1]}")).isInstanceOf(InvalidInputException.class);
    }
}
