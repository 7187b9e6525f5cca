package org.signpost.content;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A read-only view of a YAML node that remembers where it was written, so that every reader of
 * declarative content reports problems as {@code file:line: what is wrong}. Accessors that expect
 * a shape (text, list, mapping) throw {@link ContentException} when the node has another.
 */
public final class YamlNode {

    private final String file;
    private final Node node;

    private YamlNode(String file, Node node) {
        this.file = file;
        this.node = node;
    }

    /**
     * Parses one YAML document. An empty document parses to an empty mapping.
     *
     * @throws ContentException on a syntax error, naming the line
     */
    public static YamlNode parse(ContentFile content) {
        Objects.requireNonNull(content, "content");
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try {
            Node root = yaml.compose(new StringReader(content.text()));
            if (root == null) {
                root = new MappingNode(Tag.MAP, List.of(), org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
            }
            return new YamlNode(content.name(), root);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ContentException(content.name(), line, "invalid YAML: " + problem);
        } catch (YAMLException e) {
            throw new ContentException(content.name(), 0, "invalid YAML: " + e.getMessage());
        }
    }

    public SourceLocation location() {
        return new SourceLocation(file, line());
    }

    /** One-based line where this node starts. */
    public int line() {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    public String file() {
        return file;
    }

    /** A problem with this node, to be thrown by the caller. */
    public ContentException error(String problem) {
        return new ContentException(file, line(), problem);
    }

    public boolean isNull() {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    public boolean isScalar() {
        return node instanceof ScalarNode && !isNull();
    }

    public boolean isSequence() {
        return node instanceof SequenceNode;
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    /** True for a block scalar written with {@code |} or {@code >}. */
    public boolean isBlockScalar() {
        return node instanceof ScalarNode scalar
                && (scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.LITERAL
                        || scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.FOLDED);
    }

    public String asString() {
        if (!isScalar()) {
            throw error("expected a text value, found " + describe());
        }
        return ((ScalarNode) node).getValue();
    }

    /** Non-blank text, trimmed. */
    public String asText() {
        String value = asString().strip();
        if (value.isEmpty()) {
            throw error("expected a non-empty text value");
        }
        return value;
    }

    public int asInt() {
        try {
            return Integer.parseInt(asString().strip());
        } catch (NumberFormatException e) {
            throw error("expected a whole number, found '" + asString() + "'");
        }
    }

    public double asDouble() {
        try {
            return Double.parseDouble(asString().strip());
        } catch (NumberFormatException e) {
            throw error("expected a number, found '" + asString() + "'");
        }
    }

    public boolean asBoolean() {
        String value = asString().strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw error("expected true or false, found '" + value + "'");
        };
    }

    public List<YamlNode> asList() {
        if (!(node instanceof SequenceNode sequence)) {
            throw error("expected a list, found " + describe());
        }
        List<YamlNode> items = new ArrayList<>(sequence.getValue().size());
        for (Node item : sequence.getValue()) {
            items.add(new YamlNode(file, item));
        }
        return Collections.unmodifiableList(items);
    }

    /** A list of non-empty texts; a single text is accepted as a list of one. */
    public List<String> asTextList() {
        if (isScalar()) {
            return List.of(asText());
        }
        return asList().stream().map(YamlNode::asText).toList();
    }

    /** The entries of a mapping in written order. Keys must be text and unique. */
    public Map<String, YamlNode> asMap() {
        if (!(node instanceof MappingNode mapping)) {
            throw error("expected a mapping of keys to values, found " + describe());
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            YamlNode key = new YamlNode(file, tuple.getKeyNode());
            String name = key.asText();
            if (entries.putIfAbsent(name, new YamlNode(file, tuple.getValueNode())) != null) {
                throw key.error("duplicate key '" + name + "'");
            }
        }
        return Collections.unmodifiableMap(entries);
    }

    /** Where a key was written, for errors about the key itself rather than its value. */
    public SourceLocation keyLocation(String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                    return new YamlNode(file, scalar).location();
                }
            }
        }
        return location();
    }

    public Optional<YamlNode> find(String key) {
        YamlNode value = asMap().get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    public YamlNode get(String key) {
        return find(key).orElseThrow(() -> error("missing required key '" + key + "'"));
    }

    /** Rejects keys outside {@code allowed}, so that a misspelt key is an error, not ignored. */
    public YamlNode requireOnlyKeys(Set<String> allowed) {
        for (String key : asMap().keySet()) {
            if (!allowed.contains(key)) {
                throw new ContentException(keyLocation(key),
                        "unknown key '" + key + "' (expected one of " + new TreeSet<>(allowed) + ")");
            }
        }
        return this;
    }

    private String describe() {
        if (isNull()) {
            return "nothing";
        }
        if (node instanceof ScalarNode scalar) {
            return "'" + scalar.getValue() + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }
}
