package org.signpost.connectors.voice.call;

import java.util.List;
import java.util.Optional;
import org.signpost.core.message.Button;

/**
 * The options a reply offers, read to a caller three at a time: "press 1 for ...", with 9 for
 * the next three. Three is about what people hold in mind from one hearing; the keys restart at
 * 1 on every page, so a list of any length fits the keypad. 0 is kept for a navigator.
 */
final class Menu {

    static final int PAGE_SIZE = 3;
    static final char MORE = '9';
    static final char NAVIGATOR = '0';

    private final List<Button> options;

    Menu(List<Button> options) {
        this.options = List.copyOf(options);
    }

    boolean isEmpty() {
        return options.isEmpty();
    }

    int pages() {
        return (options.size() + PAGE_SIZE - 1) / PAGE_SIZE;
    }

    /** The options of page {@code index} (0-based), keyed 1, 2, 3. */
    List<Button> page(int index) {
        int from = index * PAGE_SIZE;
        return options.subList(from, Math.min(options.size(), from + PAGE_SIZE));
    }

    /** The page after {@code index}; after the last, the first again. */
    int next(int index) {
        return (index + 1) % pages();
    }

    /** The option {@code key} picks on page {@code index}, if it picks one. */
    Optional<Button> choose(int index, char key) {
        int position = key - '1';
        List<Button> page = page(index);
        return position >= 0 && position < page.size() ? Optional.of(page.get(position)) : Optional.empty();
    }
}
