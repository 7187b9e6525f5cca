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

    /** One pattern of an entity, and whether it can only match where there is a digit. */
    private record Rule(String entity, Pattern pattern, boolean needsDigit) {
    }

    private final List<Rule> rules;

    public RegexEntityExtractor(List<RegexFeature> regexes) {
        List<Rule> all = new ArrayList<>();
        for (RegexFeature regex : regexes) {
            for (Pattern pattern : regex.patterns()) {
                all.add(new Rule(regex.name(), pattern, DigitRequirement.of(pattern)));
            }
        }
        this.rules = List.copyOf(all);
    }

    @Override
    public List<ExtractedEntity> extract(String text, List<Token> tokens) {
        List<ExtractedEntity> found = new ArrayList<>();
        // Most messages hold no digit, and then the patterns for numbers cannot match: not run.
        boolean digits = hasDigit(text);
        for (Rule rule : rules) {
            if (rule.needsDigit() && !digits) {
                continue;
            }
            Matcher matcher = rule.pattern().matcher(text);
            while (matcher.find()) {
                if (matcher.end() > matcher.start()) {
                    found.add(new ExtractedEntity(rule.entity(), matcher.group(), matcher.start(), matcher.end(), NAME, 1.0,
                            List.of()));
                }
            }
        }
        return found;
    }

    /** Any digit, of any script: a pattern may match those too, with (?U). */
    private static boolean hasDigit(String text) {
        return text.codePoints().anyMatch(Character::isDigit);
    }
}
