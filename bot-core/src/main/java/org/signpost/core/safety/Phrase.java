package org.signpost.core.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.signpost.content.SourceLocation;
import org.signpost.nlu.Tokenizer;

/**
 * A phrase a rule looks for, written as words separated by spaces. A word may list alternatives
 * with {@code /} ({@code chest pain/pains/tightness}), {@code *} stands for any one word and
 * {@code *?} for at most one. Words are compared after the NLU's tokenising, so case,
 * punctuation and apostrophes do not matter ("can't" is "cant").
 */
public final class Phrase {

    private static final Tokenizer TOKENIZER = new Tokenizer();

    /** One position of the phrase: a set of words, any word, or an optional word. */
    private record Slot(Set<String> words, boolean any, boolean optional) {
    }

    private final String written;
    private final List<Slot> slots;
    private final SourceLocation location;

    private Phrase(String written, List<Slot> slots, SourceLocation location) {
        this.written = written;
        this.slots = slots;
        this.location = location;
    }

    /** @throws IllegalArgumentException when the phrase has no words */
    public static Phrase parse(String written, SourceLocation location) {
        Objects.requireNonNull(written, "written");
        List<Slot> slots = new ArrayList<>();
        for (String part : written.strip().split("\\s+")) {
            if (part.equals("*")) {
                slots.add(new Slot(Set.of(), true, false));
            } else if (part.equals("*?")) {
                slots.add(new Slot(Set.of(), true, true));
            } else {
                List<String> alternatives = new ArrayList<>();
                for (String alternative : part.split("/")) {
                    String[] words = TOKENIZER.words(alternative);
                    if (words.length != 1) {
                        throw new IllegalArgumentException("'" + alternative + "' in '" + written + "' is not one word");
                    }
                    alternatives.add(words[0]);
                }
                slots.add(new Slot(Set.copyOf(alternatives), false, false));
            }
        }
        if (slots.stream().noneMatch(slot -> !slot.any())) {
            throw new IllegalArgumentException("the phrase '" + written + "' has no words");
        }
        if (slots.get(0).any()) {
            throw new IllegalArgumentException("the phrase '" + written + "' must start with a word, not *");
        }
        return new Phrase(written, List.copyOf(slots), location);
    }

    public String written() {
        return written;
    }

    public SourceLocation location() {
        return location;
    }

    /** The words the phrase can start with (its first position is always a word, not *). */
    Set<String> firstWords() {
        return slots.get(0).words();
    }

    /**
     * Where this phrase occurs in {@code words}: the index of its first word, and the index after
     * its last, or {@code null} when it does not occur at {@code start}.
     */
    int[] matchAt(String[] words, int start) {
        int end = match(words, start, 0);
        return end < 0 ? null : new int[] {start, end};
    }

    private int match(String[] words, int position, int slotIndex) {
        if (slotIndex == slots.size()) {
            return position;
        }
        Slot slot = slots.get(slotIndex);
        if (slot.optional()) {
            int skipped = match(words, position, slotIndex + 1);
            if (skipped >= 0) {
                return skipped;
            }
            return position < words.length ? match(words, position + 1, slotIndex + 1) : -1;
        }
        if (position >= words.length) {
            return -1;
        }
        if (slot.any() || slot.words().contains(words[position])) {
            return match(words, position + 1, slotIndex + 1);
        }
        return -1;
    }

    @Override
    public String toString() {
        return written;
    }
}
