package org.signpost.nlu.intent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Character n-grams of each word, padded with word boundaries ({@code ^pain$} gives {@code ^pa},
 * {@code pai}, {@code ain}, {@code in$}...), so that a misspelt word still shares most of its
 * features with the word it was meant to be. Public with a no-argument constructor because
 * OpenNLP re-creates feature generators by class name when it loads a model.
 */
public final class CharacterNGramFeatureGenerator implements FeatureGenerator {

    static final int MIN = 3;
    static final int MAX = 5;

    @Override
    public Collection<String> extractFeatures(String[] words, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>(words.length * 12);
        for (String word : words) {
            String padded = "^" + word + "$";
            for (int n = MIN; n <= MAX; n++) {
                for (int i = 0; i + n <= padded.length(); i++) {
                    features.add("c=" + padded.substring(i, i + n));
                }
            }
        }
        return features;
    }
}
