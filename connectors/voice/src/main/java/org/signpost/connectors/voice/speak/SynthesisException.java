package org.signpost.connectors.voice.speak;

/** A prompt could not be made (the synthesiser is missing, failed or the spool is not writable). */
public final class SynthesisException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SynthesisException(String message) {
        super(message);
    }

    public SynthesisException(String message, Throwable cause) {
        super(message, cause);
    }
}
