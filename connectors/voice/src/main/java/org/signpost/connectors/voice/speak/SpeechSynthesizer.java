package org.signpost.connectors.voice.speak;

import java.time.Duration;

/**
 * Turns what the bot says into a sound file Asterisk can play to a caller.
 */
public interface SpeechSynthesizer {

    /**
     * The sound file that says {@code text}, named as Asterisk names sound files: an absolute
     * path without extension, whose {@code .wav} is 8 kHz mono 16-bit PCM and whose {@code .txt}
     * holds the text it says. The same text gives the same file, made once. Blocking; safe to
     * call from many threads at once.
     *
     * @throws SynthesisException when the file cannot be made
     */
    String prompt(String text);

    /**
     * Deletes the sound files no call has asked for in {@code unusedFor}: prompts can read back
     * what a caller said (a number, a date), so none is kept for longer than it is in use.
     *
     * @return how many prompts were deleted
     */
    int forget(Duration unusedFor);
}
