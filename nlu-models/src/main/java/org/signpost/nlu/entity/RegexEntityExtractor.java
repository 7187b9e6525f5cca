package org.signpost.nlu.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.signpost.nlu.ExtractedEntity;
import org.signpost.nlu.Token;
import org.signpost.nlu.data.RegexFeature;

/** Entities from the training data's {@code regex:} items (postcodes, NHS numbers, references). */
public final class RegexEntityExtractor implements EntityExtractor {

    public static final String NAME = "RegexEntityExtractor";
    private final List<RegexFeature> regexes;

    public RegexEntityExtractor(List<RegexFeature> regexes) {
        this.regexes = List.copyOf(regexes);
    }

    @Override
    public List<ExtractedEntity> extract(String text, List<Token> tokens) {
        List<ExtractedEntity> found = new ArrayList<>();
        for (RegexFeature regex : regexes) {
            for (Pattern pattern : regex.patterns()) {
                Matcher matcher = pattern.matcher(text);
                while (matcher.find()) {
                    if (matcher.end() > matcher.start()) {
                        found.add(new ExtractedEntity(regex.name(), matcher.group(), matcher.start(), matcher.end(),
                                NAME, 1.0, List.of()));
                    }
                }
            }
        }
        return found;
    }
}
