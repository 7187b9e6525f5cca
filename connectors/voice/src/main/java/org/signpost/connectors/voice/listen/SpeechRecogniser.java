package org.signpost.connectors.voice.listen;

/**
 * Turns what a caller said into text.
 */
public interface SpeechRecogniser {

    /** The line without speech recognition: callers use the keypad. */
    SpeechRecogniser KEYPAD_ONLY = new SpeechRecogniser() {
        @Override
        public boolean isAvailable() {
            return false;
        }

        @Override
        public Recognition recognise(byte[] linear16) {
            return Recognition.unavailable();
        }

        @Override
        public void close() {
        }
    };

    /** False when callers can only use the keypad. */
    boolean isAvailable();

    /**
     * What was said in {@code linear16}: 8 kHz mono signed 16-bit little-endian samples, without
     * a header. Blocking. Never throws: a failure of the service is {@link Recognition#unavailable()}.
     */
    Recognition recognise(byte[] linear16);

    void close();
}
