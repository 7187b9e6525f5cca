package org.signpost.nlu;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into lower-case words of letters and digits. Apostrophes inside a word are dropped
 * ("don't" becomes "dont") so that people who leave them out are understood the same way; every
 * other character separates words. Stateless and thread-safe.
 */
public final class Tokenizer {

    public List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int length = text.length();
        int i = 0;
        while (i < length) {
            while (i < length && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            if (i >= length) {
                break;
            }
            int start = i;
            StringBuilder word = new StringBuilder();
            while (i < length) {
                char c = text.charAt(i);
                if (Character.isLetterOrDigit(c)) {
                    word.append(Character.toLowerCase(c));
                } else if (!(isApostrophe(c) && i + 1 < length && Character.isLetter(text.charAt(i + 1)) && word.length() > 0)) {
                    break;
                }
                i++;
            }
            tokens.add(new Token(word.toString(), start, i));
        }
        return tokens;
    }

    public String[] words(String text) {
        return tokenize(text).stream().map(Token::text).toArray(String[]::new);
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019';
    }
}
