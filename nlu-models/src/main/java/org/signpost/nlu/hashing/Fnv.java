package org.signpost.nlu.hashing;

/**
 * 64-bit FNV-1a, one character at a time, so a text's hash can be extended step by step (every
 * prefix of a word, every n-gram from one start) without building strings. Collisions among a few
 * hundred thousand keys are vanishingly unlikely and would only merge two keys.
 */
public final class Fnv {

    public static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Fnv() {
    }

    public static long hash(long h, char c) {
        return (h ^ c) * PRIME;
    }

    public static long hash(long h, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            h = hash(h, text.charAt(i));
        }
        return h;
    }
}
