package org.signpost.nlu.entity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.signpost.nlu.ExtractedEntity;
import org.signpost.nlu.Token;
import org.signpost.nlu.Tokenizer;
import org.signpost.nlu.data.EntityAnnotation;
import org.signpost.nlu.data.LookupTable;
import org.signpost.nlu.data.Synonym;
import org.signpost.nlu.data.TrainingData;
import org.signpost.nlu.data.TrainingExample;

/**
 * Entities from known phrases: the {@code lookup:} tables, every phrase annotated as an entity in
 * the intent examples, and every synonym of a value that an entity type takes (so the wards
 * listed as synonyms of a locality are found as localities). Matches whole words,
 * case-insensitively, longest phrase first. A long word with a typo still matches (one edit for
 * words of six letters or more, two from ten; the first letter must be right, and the word must
 * not be one the training examples use in their own right), with a lower {@code confidence_entity}.
 */
public final class LookupEntityExtractor implements EntityExtractor {

    public static final String NAME = "LookupEntityExtractor";
    static final double TYPO_CONFIDENCE = 0.8;

    private record Phrase(String[] words, String entity) {
    }

    /** Phrases by their first word, longest first. */
    private final Map<String, List<Phrase>> byFirstWord;
    /** Phrases by the first letter of their first word, for typo-tolerant matching. */
    private final Map<Character, List<Phrase>> byFirstLetter;
    /**
     * Words the training examples use outside their entities: a word written as one of these is
     * meant, not a typo of a phrase ("lovely" is not "lonely", "filling" is not "falling").
     */
    private final Set<String> plainWords;

    /**
     * @param structured entity types another extractor reads by their form (dates, postcodes):
     *     examples of them are not phrases to look up
     */
    public LookupEntityExtractor(TrainingData data, Tokenizer tokenizer, Set<String> structured) {
        Map<String, Phrase> phrases = new LinkedHashMap<>();
        Map<String, String> typeOfValue = new HashMap<>();
        for (LookupTable lookup : data.lookups()) {
            for (String element : lookup.elements()) {
                add(phrases, tokenizer.words(element), lookup.name());
                typeOfValue.putIfAbsent(element, lookup.name());
            }
        }
        for (TrainingExample example : data.examples()) {
            for (EntityAnnotation entity : example.entities()) {
                if (structured.contains(entity.entity())) {
                    continue;
                }
                add(phrases, tokenizer.words(example.text().substring(entity.start(), entity.end())), entity.entity());
                typeOfValue.putIfAbsent(entity.value(), entity.entity());
            }
        }
        for (Synonym synonym : data.synonyms()) {
            String type = typeOfValue.get(synonym.value());
            if (type != null) {
                add(phrases, tokenizer.words(synonym.value()), type);
                synonym.examples().forEach(example -> add(phrases, tokenizer.words(example), type));
            }
        }
        Map<String, List<Phrase>> exact = new HashMap<>();
        Map<Character, List<Phrase>> fuzzy = new HashMap<>();
        for (Phrase phrase : phrases.values()) {
            exact.computeIfAbsent(phrase.words()[0], first -> new ArrayList<>()).add(phrase);
            fuzzy.computeIfAbsent(phrase.words()[0].charAt(0), first -> new ArrayList<>()).add(phrase);
        }
        Comparator<Phrase> longestFirst = Comparator.comparingInt((Phrase phrase) -> phrase.words().length).reversed();
        exact.replaceAll((first, list) -> list.stream().sorted(longestFirst).toList());
        fuzzy.replaceAll((first, list) -> list.stream().sorted(longestFirst).toList());
        this.byFirstWord = Map.copyOf(exact);
        this.byFirstLetter = Map.copyOf(fuzzy);
        this.plainWords = plainWords(data, tokenizer);
    }

    private static Set<String> plainWords(TrainingData data, Tokenizer tokenizer) {
        Set<String> words = new HashSet<>();
        for (TrainingExample example : data.examples()) {
            for (Token token : tokenizer.tokenize(example.text())) {
                boolean inEntity = example.entities().stream()
                        .anyMatch(entity -> token.start() < entity.end() && entity.start() < token.end());
                if (!inEntity) {
                    words.add(token.text());
                }
            }
        }
        return Set.copyOf(words);
    }

    /**
     * Single words too common to stand for an entity on their own: "me" is a synonym of the
     * relationship "self", but "can you help me" is not about who a referral is for.
     */
    static final Set<String> TOO_COMMON = Set.of("i", "me", "my", "myself", "mine", "you", "your", "he", "him", "his",
            "she", "her", "it", "we", "us", "our", "they", "them", "their", "today", "now", "here", "there");

    private static void add(Map<String, Phrase> phrases, String[] words, String entity) {
        if (words.length == 1 && (words[0].length() < 2 || TOO_COMMON.contains(words[0]))) {
            return;
        }
        if (words.length > 0) {
            phrases.putIfAbsent(String.join(" ", words) + "\u0000" + entity, new Phrase(words, entity));
        }
    }

    @Override
    public List<ExtractedEntity> extract(String text, List<Token> tokens) {
        List<ExtractedEntity> found = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Phrase match = exactAt(text, tokens, i);
            double confidence = 1.0;
            if (match == null) {
                match = typoAt(text, tokens, i);
                confidence = TYPO_CONFIDENCE;
            }
            if (match == null) {
                i++;
                continue;
            }
            int start = tokens.get(i).start();
            Token last = tokens.get(i + match.words().length - 1);
            String lastWord = match.words()[match.words().length - 1];
            // "my dad's appointment": the entity is "my dad", as Rasa's examples mark it.
            int end = possessiveOf(text, last, lastWord) ? last.end() - 2 : last.end();
            // A misspelt phrase is reported as the phrase it was taken for, so synonyms still apply.
            String value = confidence == 1.0 ? text.substring(start, end) : String.join(" ", match.words());
            found.add(new ExtractedEntity(match.entity(), value, start, end, NAME, confidence, List.of()));
            i += match.words().length;
        }
        return found;
    }

    private Phrase exactAt(String text, List<Token> tokens, int position) {
        return firstFitting(text, tokens, position, byFirstWord.get(tokens.get(position).text()), false);
    }

    private Phrase typoAt(String text, List<Token> tokens, int position) {
        String first = tokens.get(position).text();
        if (Typos.allowedEdits(first.length()) == 0) {
            return null;
        }
        if (!plainWords.contains(first)) {
            return firstFitting(text, tokens, position, byFirstLetter.get(first.charAt(0)), true);
        }
        // A word used plainly is taken as written (see fits), so only phrases it begins as written,
        // a later word misspelt, or a one-word phrase it is the possessive of, can fit: found by
        // their first word rather than by trying every phrase of its first letter.
        Phrase found = firstFitting(text, tokens, position, byFirstWord.get(first), true);
        return found != null || !first.endsWith("s") ? found
                : firstFitting(text, tokens, position, byFirstWord.get(first.substring(0, first.length() - 1)), true);
    }

    private Phrase firstFitting(String text, List<Token> tokens, int position, List<Phrase> candidates, boolean allowTypos) {
        if (candidates != null) {
            for (Phrase phrase : candidates) {
                if (fits(text, tokens, position, phrase, allowTypos)) {
                    return phrase;
                }
            }
        }
        return null;
    }

    /** Whether {@code token} is {@code word} with an apostrophe and "s" ("dad's" for "dad"). */
    private static boolean possessiveOf(String text, Token token, String word) {
        int end = token.end();
        return token.text().length() == word.length() + 1 && token.text().startsWith(word) && token.text().endsWith("s")
                && end - token.start() >= 3 && (text.charAt(end - 2) == '\'' || text.charAt(end - 2) == '\u2019')
                && Character.toLowerCase(text.charAt(end - 1)) == 's';
    }

    private boolean fits(String text, List<Token> tokens, int position, Phrase phrase, boolean allowTypos) {
        String[] words = phrase.words();
        if (position + words.length > tokens.size()) {
            return false;
        }
        for (int k = 0; k < words.length; k++) {
            String written = tokens.get(position + k).text();
            if (written.equals(words[k]) || k == words.length - 1 && possessiveOf(text, tokens.get(position + k), words[k])) {
                continue;
            }
            int allowed = Typos.allowedEdits(Math.min(written.length(), words[k].length()));
            if (!allowTypos || allowed == 0 || written.charAt(0) != words[k].charAt(0) || plainWords.contains(written)
                    || Typos.distance(written, words[k], allowed) > allowed) {
                return false;
            }
        }
        return true;
    }
}
