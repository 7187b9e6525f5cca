package org.signpost.nlu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.signpost.content.ContentException;
import org.signpost.content.ContentFile;
import org.signpost.content.YamlNode;
import org.signpost.error.InvalidInputException;

/**
 * Rasa's intent shortcut: a message such as {@code /find_service{"locality": "Halesowen"}} (what a
 * button sends) names its intent and entities directly and skips the classifier.
 */
public final class IntentShortcut {

    public static final String EXTRACTOR = "IntentShortcut";
    private static final Pattern SHORTCUT = Pattern.compile("/([A-Za-z0-9_\\-]+)(\\{.*\\})?", Pattern.DOTALL);

    private IntentShortcut() {
    }

    public static boolean isShortcut(String text) {
        return text.startsWith("/");
    }

    /**
     * Parses a shortcut.
     *
     * @return empty when {@code text} does not start with {@code /}
     * @throws InvalidInputException when it starts with {@code /} but is not a valid shortcut
     */
    public static Optional<ParseResult> parse(String text) {
        if (!isShortcut(text)) {
            return Optional.empty();
        }
        Matcher matcher = SHORTCUT.matcher(text.strip());
        if (!matcher.matches()) {
            throw new InvalidInputException("invalid_payload",
                    "a payload starting with '/' must look like /intent or /intent{\"entity\": \"value\"}");
        }
        String intent = matcher.group(1);
        List<ExtractedEntity> entities = new ArrayList<>();
        if (matcher.group(2) != null) {
            Map<String, YamlNode> fields;
            try {
                YamlNode json = YamlNode.parse(new ContentFile("payload", matcher.group(2)));
                fields = json.asMap();
            } catch (ContentException e) {
                throw new InvalidInputException("invalid_payload", "the entities after /" + intent + " are not a JSON object");
            }
            int start = matcher.start(2);
            int end = matcher.end(2);
            fields.forEach((entity, value) -> {
                if (!value.isScalar()) {
                    throw new InvalidInputException("invalid_payload", "entity '" + entity + "' needs a text value");
                }
                entities.add(new ExtractedEntity(entity, value.asString(), start, end, EXTRACTOR, 1.0, List.of()));
            });
        }
        IntentScore score = new IntentScore(intent, 1.0);
        return Optional.of(new ParseResult(text, score, entities, List.of(score)));
    }
}
