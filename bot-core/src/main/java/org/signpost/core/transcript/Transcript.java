package org.signpost.core.transcript;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.signpost.core.event.BotUttered;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.EscalationRequested;
import org.signpost.core.event.NavigatorJoined;
import org.signpost.core.event.NavigatorLeft;
import org.signpost.core.event.NavigatorUttered;
import org.signpost.core.event.NoteAdded;
import org.signpost.core.event.SafetyFlagged;
import org.signpost.core.event.UserUttered;
import org.signpost.core.message.Button;
import org.signpost.core.transcript.TranscriptEntry.Kind;

/** Reads a conversation's event log as the lines of its transcript. */
public final class Transcript {

    private Transcript() {
    }

    /** Every line of the conversation, in order. */
    public static List<TranscriptEntry> of(List<ConversationEvent> events) {
        return lines(events, 0, Map.of());
    }

    /**
     * The lines that {@code appended} adds to a conversation that had {@code history}, numbered to
     * follow it.
     */
    public static List<TranscriptEntry> appended(List<ConversationEvent> history, List<ConversationEvent> appended) {
        return Position.START.after(history).lines(appended);
    }

    /**
     * Where a transcript has got to: how many lines the person has seen, and the buttons the bot
     * offered last (a pressed button arrives as its payload, and the person saw, and should see
     * again, its title). Enough to number and word the lines of events that follow, so a turn
     * need not read its conversation's history to publish its own lines. Immutable.
     */
    public record Position(int seen, Map<String, String> offered) {

        public static final Position START = new Position(0, Map.of());

        public Position {
            offered = Map.copyOf(offered);
        }

        /** The position after {@code events}. */
        public Position after(List<ConversationEvent> events) {
            int seenAfter = seen;
            Map<String, String> offeredAfter = null;
            for (ConversationEvent event : events) {
                if (isSeenByPerson(event)) {
                    seenAfter++;
                }
                if (event instanceof UserUttered) {
                    offeredAfter = new HashMap<>();
                } else if (event instanceof BotUttered bot && !bot.buttons().isEmpty()) {
                    offeredAfter = offeredAfter == null ? new HashMap<>(offered) : offeredAfter;
                    for (Button button : bot.buttons()) {
                        offeredAfter.put(button.payload(), button.title());
                    }
                }
            }
            return new Position(seenAfter, offeredAfter == null ? offered : offeredAfter);
        }

        /** The lines of {@code events} that follow this position, numbered from {@code seen + 1}. */
        public List<TranscriptEntry> lines(List<ConversationEvent> events) {
            return Transcript.lines(events, seen, offered);
        }
    }

    private static boolean isSeenByPerson(ConversationEvent event) {
        return event instanceof UserUttered || event instanceof BotUttered || event instanceof NavigatorUttered
                || event instanceof EscalationRequested || event instanceof NavigatorJoined || event instanceof NavigatorLeft;
    }

    /**
     * The lines of {@code events}, numbered from {@code seqBefore + 1}.
     *
     * @param offeredBefore the buttons the bot offered just before: a pressed button arrives as
     *     its payload, and the person saw (and should see again) its title
     */
    private static List<TranscriptEntry> lines(List<ConversationEvent> events, int seqBefore, Map<String, String> offeredBefore) {
        List<TranscriptEntry> entries = new ArrayList<>();
        int seq = seqBefore;
        Map<String, String> offeredButtons = new HashMap<>(offeredBefore);
        for (ConversationEvent event : events) {
            if (event instanceof UserUttered user) {
                String shown = user.shown().isEmpty() ? offeredButtons.getOrDefault(user.text(), user.text()) : user.shown();
                entries.add(new TranscriptEntry(++seq, Kind.USER, user.at(), shown, List.of(), "", ""));
                offeredButtons.clear();
            } else if (event instanceof BotUttered bot) {
                bot.buttons().forEach(button -> offeredButtons.put(button.payload(), button.title()));
                entries.add(new TranscriptEntry(++seq, Kind.BOT, bot.at(), bot.text(), bot.buttons(), "", ""));
            } else if (event instanceof NavigatorUttered said) {
                entries.add(new TranscriptEntry(++seq, Kind.NAVIGATOR, said.at(), said.text(), List.of(), said.navigator(), ""));
            } else if (event instanceof EscalationRequested escalated) {
                entries.add(new TranscriptEntry(++seq, Kind.HANDOFF, escalated.at(), escalated.reason(), List.of(), "", "waiting"));
            } else if (event instanceof NavigatorJoined joined) {
                entries.add(new TranscriptEntry(++seq, Kind.HANDOFF, joined.at(), "", List.of(), joined.navigator(), "joined"));
            } else if (event instanceof NavigatorLeft left) {
                entries.add(new TranscriptEntry(++seq, Kind.HANDOFF, left.at(), left.outcome(), List.of(), left.navigator(), "left"));
            } else if (event instanceof NoteAdded note) {
                entries.add(new TranscriptEntry(0, Kind.NOTE, note.at(), note.text(), List.of(), note.navigator(), ""));
            } else if (event instanceof SafetyFlagged flagged) {
                entries.add(new TranscriptEntry(0, Kind.SAFETY, flagged.at(), flagged.phrase(), List.of(), "", flagged.category()));
            }
        }
        return entries;
    }

    /** The highest sequence number of a transcript; 0 when the person has seen nothing yet. */
    public static int lastSeq(List<TranscriptEntry> entries) {
        return entries.stream().mapToInt(TranscriptEntry::seq).max().orElse(0);
    }
}
