package org.signpost.core.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.signpost.nlu.Tokenizer;

/**
 * Screens every message for emergencies, mental-health crises and safeguarding concerns with
 * reviewed rules, before and regardless of the classifier. A phrase counts unless a negation
 * ends just before it ("no chest pain", "he isn't unconscious") or a hypothetical frame opens
 * earlier in the same clause ("what should I do if someone has chest pain"). Clauses end at
 * sentence punctuation, commas and "but", so "no fever, but chest pain" still counts. When in
 * doubt the screen fires: a false alarm costs a navigator a look, a missed emergency costs far
 * more. Immutable and thread-safe.
 */
public final class SafetyScreen {

    /** Where one clause of a message ends and the next begins ("..., but ...", " - "). */
    private static final Pattern CLAUSE_BREAK = Pattern.compile("[.!?;,\\n]+|\\s+but\\s+|\\s+-\\s+");

    private static final Tokenizer TOKENIZER = new Tokenizer();
    private final SafetyRules rules;

    public SafetyScreen(SafetyRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** The most severe category the message shows, if any. */
    public Optional<SafetyHit> screen(String text) {
        // Clauses are screened separately; severity decides across the whole message.
        List<String[]> clauses = clauses(text).stream().map(TOKENIZER::words).toList();
        for (SafetyCategory category : SafetyCategory.values()) {
            for (Phrase phrase : rules.phrases().getOrDefault(category, List.of())) {
                for (String[] words : clauses) {
                    if (occursAffirmed(phrase, words)) {
                        return Optional.of(new SafetyHit(category, phrase.written()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean occursAffirmed(Phrase phrase, String[] words) {
        for (int start = 0; start < words.length; start++) {
            int[] match = phrase.matchAt(words, start);
            if (match != null && !negated(words, match[0]) && !hypothetical(words, match[0])) {
                return true;
            }
        }
        return false;
    }

    /** A negation that ends at most {@code negationWindow} words before the phrase. */
    private boolean negated(String[] words, int phraseStart) {
        for (Phrase negation : rules.negations()) {
            for (int start = 0; start < phraseStart; start++) {
                int[] match = negation.matchAt(words, start);
                if (match != null && match[1] <= phraseStart && phraseStart - match[1] <= rules.negationWindow()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A hypothetical frame anywhere earlier in the clause. */
    private boolean hypothetical(String[] words, int phraseStart) {
        for (Phrase frame : rules.hypotheticals()) {
            for (int start = 0; start < phraseStart; start++) {
                int[] match = frame.matchAt(words, start);
                if (match != null && match[1] <= phraseStart) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The message split at sentence punctuation, commas, semicolons and "but". */
    static List<String> clauses(String text) {
        List<String> clauses = new ArrayList<>();
        for (String part : CLAUSE_BREAK.split(text)) {
            if (!part.isBlank()) {
                clauses.add(part);
            }
        }
        return clauses;
    }
}
