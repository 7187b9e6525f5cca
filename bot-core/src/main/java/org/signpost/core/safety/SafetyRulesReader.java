package org.signpost.core.safety;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.signpost.content.ContentException;
import org.signpost.content.ContentFile;
import org.signpost.content.YamlNode;

/**
 * Reads the safety rules (clinical content, reviewed like code):
 * <pre>
 * safety:
 *   negation_window: 2
 *   negations: [no, not, ...]
 *   hypotheticals: [what if, ...]
 *   categories:
 *     emergency:
 *       - chest pain/pains
 * </pre>
 * Every category must have phrases; problems name file and line.
 */
public final class SafetyRulesReader {

    private SafetyRulesReader() {
    }

    public static SafetyRules read(List<ContentFile> files) {
        Map<SafetyCategory, List<Phrase>> phrases = new EnumMap<>(SafetyCategory.class);
        List<Phrase> negations = new ArrayList<>();
        List<Phrase> hypotheticals = new ArrayList<>();
        int window = 2;
        for (ContentFile file : files) {
            YamlNode root = YamlNode.parse(file).requireOnlyKeys(Set.of("safety"));
            YamlNode safety = root.get("safety").requireOnlyKeys(Set.of("negation_window", "negations", "hypotheticals", "categories"));
            YamlNode windowNode = safety.find("negation_window").orElse(null);
            if (windowNode != null) {
                window = windowNode.asInt();
                if (window < 0 || window > 5) {
                    throw windowNode.error("negation_window must be between 0 and 5");
                }
            }
            safety.find("negations").ifPresent(node -> negations.addAll(phrases(node)));
            safety.find("hypotheticals").ifPresent(node -> hypotheticals.addAll(phrases(node)));
            safety.find("categories").ifPresent(categories -> categories.asMap().forEach((name, list) -> {
                SafetyCategory category;
                try {
                    category = SafetyCategory.fromId(name);
                } catch (IllegalArgumentException e) {
                    throw new ContentException(categories.keyLocation(name), e.getMessage());
                }
                phrases.computeIfAbsent(category, c -> new ArrayList<>()).addAll(phrases(list));
            }));
        }
        for (SafetyCategory category : SafetyCategory.values()) {
            if (phrases.getOrDefault(category, List.of()).isEmpty()) {
                String where = files.isEmpty() ? "safety rules" : files.get(0).name();
                throw new ContentException(where, 0, "the safety rules have no phrases for " + category.id());
            }
        }
        return new SafetyRules(phrases, negations, window, hypotheticals);
    }

    private static List<Phrase> phrases(YamlNode list) {
        List<Phrase> phrases = new ArrayList<>();
        for (YamlNode item : list.asList()) {
            try {
                phrases.add(Phrase.parse(item.asText(), item.location()));
            } catch (IllegalArgumentException e) {
                throw item.error(e.getMessage());
            }
        }
        return phrases;
    }
}
