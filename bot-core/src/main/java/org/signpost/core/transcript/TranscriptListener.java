package org.signpost.core.transcript;

import java.util.List;

/**
 * Told about new transcript lines once the events behind them are stored, in order, for one
 * conversation at a time (under its lock). Must not block: it runs on the turn's thread.
 */
@FunctionalInterface
public interface TranscriptListener {

    TranscriptListener NONE = (conversationId, entries) -> { };

    void appended(String conversationId, List<TranscriptEntry> entries);
}
