package org.signpost.connectors.voice.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.signpost.core.message.Button;

class MenuTest {

    private static List<Button> options(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new Button("option " + i, "/choose" + i)).toList();
    }

    @Test
    void optionsAreReadThreeAtATimeKeyedFromOneOnEveryPage() {
        Menu menu = new Menu(options(7));
        assertThat(menu.pages()).isEqualTo(3);
        assertThat(menu.page(0)).extracting(Button::title).containsExactly("option 1", "option 2", "option 3");
        assertThat(menu.page(2)).extracting(Button::title).containsExactly("option 7");
        assertThat(menu.choose(1, '2')).map(Button::payload).contains("/choose5");
        assertThat(menu.choose(2, '1')).map(Button::payload).contains("/choose7");
    }

    @Test
    void keysThatPickNothingPickNothing() {
        Menu menu = new Menu(options(4));
        assertThat(menu.choose(1, '2')).isEmpty();
        assertThat(menu.choose(0, '0')).isEmpty();
        assertThat(menu.choose(0, '9')).isEmpty();
        assertThat(menu.choose(0, '*')).isEmpty();
        assertThat(new Menu(List.of()).isEmpty()).isTrue();
    }

    @Test
    void moreAfterTheLastPageStartsAgain() {
        Menu menu = new Menu(options(5));
        assertThat(menu.next(0)).isEqualTo(1);
        assertThat(menu.next(1)).isEqualTo(0);
    }
}
