package org.signpost.core.referral;

import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * Referral references such as {@code SP-7Q2K9X}: six characters from an alphabet without the
 * look-alikes 0/O and 1/I, so they survive being read out on the phone. Random, so they cannot
 * be guessed from one another.
 */
public final class References implements Supplier<String> {

    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private final SecureRandom random = new SecureRandom();

    @Override
    public String get() {
        StringBuilder reference = new StringBuilder("SP-");
        for (int i = 0; i < 6; i++) {
            reference.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return reference.toString();
    }
}
