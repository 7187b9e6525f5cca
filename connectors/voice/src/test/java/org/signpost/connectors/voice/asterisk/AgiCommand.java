package org.signpost.connectors.voice.asterisk;

import java.util.ArrayList;
import java.util.List;

/**
 * One command line a FastAGI script sent, split as Asterisk splits it: words, with double-quoted
 * arguments kept whole ({@code STREAM FILE "/spool/x" "0123"}).
 */
public record AgiCommand(String line, String name, List<String> arguments) {

    private static final List<String> TWO_WORD = List.of("STREAM FILE", "GET DATA", "RECORD FILE", "SET VARIABLE",
            "DATABASE GET", "CONTROL STREAM FILE", "GET FULL VARIABLE", "GET VARIABLE", "SAY DIGITS", "WAIT FOR DIGIT");

    public static AgiCommand parse(String line) {
        List<String> words = words(line);
        if (words.isEmpty()) {
            return new AgiCommand(line, "", List.of());
        }
        String first = words.get(0).toUpperCase(java.util.Locale.ROOT);
        if (words.size() > 1) {
            String two = first + " " + words.get(1).toUpperCase(java.util.Locale.ROOT);
            if (TWO_WORD.contains(two)) {
                return new AgiCommand(line, two, List.copyOf(words.subList(2, words.size())));
            }
        }
        return new AgiCommand(line, first, List.copyOf(words.subList(1, words.size())));
    }

    public String argument(int index) {
        return index < arguments.size() ? arguments.get(index) : "";
    }

    public boolean is(String commandName) {
        return name.equals(commandName);
    }

    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quoted && i + 1 < line.length()) {
                word.append(line.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (c == ' ' && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
