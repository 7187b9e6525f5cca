package org.signpost.core.safety;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /**
     * Every phrase under each word it can start with (a phrase starts with a word, not *), so a
     * message's words are looked up once each instead of every phrase being tried at every word:
     * that was a tenth of a turn's time in the load benchmark (docs/benchmarks.md).
     */
    private final Map<String, List<Ranked>> byFirstWord;

    /** A phrase with its category and its place in screening order: categories by severity, then the rules' order. */
    private record Ranked(int rank, SafetyCategory category, Phrase phrase) {
    }

    public SafetyScreen(SafetyRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        Map<String, List<Ranked>> index = new HashMap<>();
        int rank = 0;
        for (SafetyCategory category : SafetyCategory.values()) {
            for (Phrase phrase : rules.phrases().getOrDefault(category, List.of())) {
                Ranked ranked = new Ranked(rank++, category, phrase);
                for (String word : phrase.firstWords()) {
                    index.computeIfAbsent(word, first -> new ArrayList<>()).add(ranked);
                }
            }
        }
        index.replaceAll((word, phrases) -> List.copyOf(phrases));
        this.byFirstWord = Map.copyOf(index);
    }

    /**
     * The most severe category the message shows, if any: of the phrases that occur affirmed in
     * any clause, the first in screening order.
     */
    public Optional<SafetyHit> screen(String text) {
        // Clauses are screened separately; severity decides across the whole message.
        Ranked found = null;
        for (String clause : clauses(text)) {
            String[] words = TOKENIZER.words(clause);
            for (int start = 0; start < words.length; start++) {
                for (Ranked candidate : byFirstWord.getOrDefault(words[start], List.of())) {
                    if ((found == null || candidate.rank() < found.rank()) && candidate.phrase().matchAt(words, start) != null
                            && !negated(words, start) && !hypothetical(words, start)) {
                        found = candidate;
                    }
                }
            }
        }
        return found == null ? Optional.empty() : Optional.of(new SafetyHit(found.category(), found.phrase().written()));
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
