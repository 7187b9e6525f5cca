package org.signpost.core.transcript;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.signpost.core.message.Button;

/**
 * One line of a conversation as people read it. {@link Kind#visibleToPerson() What the person
 * sees} is numbered: {@code seq} runs 1, 2, 3... over a conversation with no gaps, the same on
 * every instance, because it is derived from the event log; staff-only lines have {@code seq} 0.
 *
 * @param author the navigator for navigator lines, handoffs and notes; empty otherwise
 * @param detail the handoff state ({@code waiting}, {@code joined}, {@code left}), the safety
 *     category, or the outcome a navigator left with; empty otherwise
 */
public record TranscriptEntry(int seq, Kind kind, Instant at, String text, List<Button> buttons, String author,
        String detail) {

    /** What kind of line it is; {@link #id()} is its name on the wire. */
    public enum Kind {
        USER, BOT, NAVIGATOR, HANDOFF, NOTE, SAFETY;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean visibleToPerson() {
            return this != NOTE && this != SAFETY;
        }
    }

    public TranscriptEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(detail, "detail");
        buttons = List.copyOf(buttons);
        if (kind.visibleToPerson() != seq > 0) {
            throw new IllegalArgumentException("lines the person sees are numbered, staff-only lines are not: " + kind + " " + seq);
        }
    }
}
