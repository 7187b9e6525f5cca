package org.signpost.nlu.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.signpost.content.ContentException;
import org.signpost.content.ContentFile;
import org.signpost.content.SourceLocation;
import org.signpost.content.YamlNode;

/**
 * Reads Rasa NLU training data (format version 2.x/3.x): {@code nlu:} items of kind {@code intent},
 * {@code synonym}, {@code regex} and {@code lookup}, with {@code examples} either as a block of
 * {@code - } lines or as a list of {@code text:} entries. Intent examples may annotate entities
 * inline as {@code [text](entity)} or {@code [text]{"entity": "...", "value": "..."}}. Keys Rasa
 * keeps in the same files for dialogue ({@code responses}, {@code stories}...) are ignored here.
 * Every problem is a {@link ContentException} naming file and line.
 */
public final class RasaYamlReader {

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("version", "nlu",
            // Rasa allows these in the same files; they belong to the dialogue side.
            "responses", "stories", "rules", "intents", "entities", "slots", "forms", "actions",
            "session_config", "e2e_actions");
    private static final Set<String> ITEM_KINDS = Set.of("intent", "synonym", "regex", "lookup");
    private static final Set<String> ITEM_KEYS = Set.of("intent", "synonym", "regex", "lookup", "examples", "metadata");
    private static final Set<String> ANNOTATION_KEYS = Set.of("entity", "value", "role", "group");
    private static final Pattern VERSION = Pattern.compile("[23](\\.\\d+)*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-./]+");
    private static final Pattern ANNOTATION = Pattern.compile("\\[([^\\[\\]]+)\\](?:\\(([^()]*)\\)|(\\{[^{}]*\\}))");

    public TrainingData read(List<ContentFile> files) {
        return TrainingData.merge(files.stream().map(this::read).toList());
    }

    public TrainingData read(ContentFile file) {
        YamlNode root = YamlNode.parse(file);
        if (!root.isMapping()) {
            throw root.error("a Rasa NLU file is a mapping with the keys 'version' and 'nlu'");
        }
        root.requireOnlyKeys(TOP_LEVEL_KEYS);
        root.find("version").ifPresent(version -> {
            if (!VERSION.matcher(version.asText()).matches()) {
                throw version.error("unsupported training data version '" + version.asText()
                        + "' (expected \"3.1\" or another 2.x/3.x version)");
            }
        });
        List<TrainingExample> examples = new ArrayList<>();
        List<Synonym> synonyms = new ArrayList<>();
        List<RegexFeature> regexes = new ArrayList<>();
        List<LookupTable> lookups = new ArrayList<>();
        for (YamlNode item : root.find("nlu").map(YamlNode::asList).orElse(List.of())) {
            item.requireOnlyKeys(ITEM_KEYS);
            List<String> kinds = item.asMap().keySet().stream().filter(ITEM_KINDS::contains).toList();
            if (kinds.size() != 1) {
                throw item.error("each nlu item needs exactly one of intent, synonym, regex or lookup; found "
                        + (kinds.isEmpty() ? "none" : String.join(", ", kinds)));
            }
            String kind = kinds.get(0);
            YamlNode nameNode = item.get(kind);
            String name = nameNode.asText();
            if (!NAME.matcher(name).matches() && !kind.equals("synonym")) {
                throw nameNode.error("'" + name + "' is not a valid " + kind + " name (letters, digits, _ - . /)");
            }
            List<Line> lines = exampleLines(item.get("examples"));
            if (lines.isEmpty()) {
                throw item.get("examples").error(kind + " '" + name + "' has no examples");
            }
            switch (kind) {
                case "intent" -> lines.forEach(line -> examples.add(parseExample(name, line)));
                case "synonym" -> synonyms.add(new Synonym(name, lines.stream().map(Line::text).toList()));
                case "lookup" -> lookups.add(new LookupTable(name, lines.stream().map(Line::text).toList()));
                case "regex" -> regexes.add(new RegexFeature(name, lines.stream().map(RasaYamlReader::compile).toList()));
                default -> throw new IllegalStateException(kind);
            }
        }
        return new TrainingData(examples, synonyms, regexes, lookups);
    }

    /** One example as written, with the line it was written on. */
    private record Line(String text, SourceLocation location) {
    }

    private static List<Line> exampleLines(YamlNode examples) {
        List<Line> lines = new ArrayList<>();
        if (examples.isSequence()) {
            for (YamlNode entry : examples.asList()) {
                YamlNode text = entry.isMapping() ? entry.requireOnlyKeys(Set.of("text", "metadata")).get("text") : entry;
                lines.add(new Line(text.asText(), text.location()));
            }
            return lines;
        }
        String block = examples.asString();
        // A block scalar's content starts on the line after its '|' indicator.
        int firstLine = examples.isBlockScalar() ? examples.line() + 1 : examples.line();
        String[] rows = block.split("\n", -1);
        for (int i = 0; i < rows.length; i++) {
            String row = rows[i].strip();
            if (row.isEmpty()) {
                continue;
            }
            SourceLocation location = new SourceLocation(examples.file(), firstLine + i);
            if (!row.startsWith("-")) {
                throw new ContentException(location, "each example must start with '- ', found '" + row + "'");
            }
            String text = row.substring(1).strip();
            if (text.isEmpty()) {
                throw new ContentException(location, "empty example");
            }
            lines.add(new Line(text, location));
        }
        return lines;
    }

    private static Pattern compile(Line line) {
        try {
            return Pattern.compile(line.text(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw new ContentException(line.location(), "invalid regular expression: " + e.getDescription());
        }
    }

    private static TrainingExample parseExample(String intent, Line line) {
        String written = line.text();
        StringBuilder plain = new StringBuilder(written.length());
        List<EntityAnnotation> entities = new ArrayList<>();
        Matcher matcher = ANNOTATION.matcher(written);
        int copied = 0;
        while (matcher.find()) {
            plain.append(written, copied, matcher.start());
            String text = matcher.group(1);
            int start = plain.length();
            plain.append(text);
            entities.add(annotation(line, text, start, plain.length(), matcher.group(2), matcher.group(3)));
            copied = matcher.end();
        }
        plain.append(written, copied, written.length());
        String text = plain.toString();
        if (text.contains("](") || text.contains("]{")) {
            throw new ContentException(line.location(), "malformed entity annotation in '" + written + "'");
        }
        if (text.isBlank()) {
            throw new ContentException(line.location(), "empty example");
        }
        return new TrainingExample(intent, text, entities, line.location());
    }

    private static EntityAnnotation annotation(Line line, String text, int start, int end, String entity, String json) {
        if (entity != null) {
            String name = entity.strip();
            if (name.isEmpty() || !NAME.matcher(name).matches()) {
                throw new ContentException(line.location(), "invalid entity name '" + entity
                        + "' (write [text](entity) or [text]{\"entity\": \"...\", \"value\": \"...\"})");
            }
            return new EntityAnnotation(name, text, start, end);
        }
        YamlNode attributes;
        try {
            attributes = YamlNode.parse(new ContentFile(line.location().file(), json));
        } catch (ContentException e) {
            throw new ContentException(line.location(), "entity annotation is not valid JSON: " + json);
        }
        if (!attributes.isMapping()) {
            throw new ContentException(line.location(), "entity annotation must be a JSON object: " + json);
        }
        Map<String, YamlNode> fields = attributes.asMap();
        for (String key : fields.keySet()) {
            if (!ANNOTATION_KEYS.contains(key)) {
                throw new ContentException(line.location(), "unknown key '" + key + "' in entity annotation " + json);
            }
        }
        YamlNode name = fields.get("entity");
        if (name == null || !name.isScalar() || name.asString().isBlank()) {
            throw new ContentException(line.location(), "entity annotation without \"entity\": " + json);
        }
        YamlNode value = fields.get("value");
        String normalised = value == null || !value.isScalar() ? text : value.asString().strip();
        return new EntityAnnotation(name.asString().strip(), normalised.isEmpty() ? text : normalised, start, end);
    }
}
