package org.signpost.core.response;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.Button;
import org.signpost.core.message.Channel;

/** Every response by name, and their rendering for a channel. Immutable. */
public final class ResponseCatalog {

    private static final Pattern EXTRA_SPACES = Pattern.compile(" {2,}");

    private final Map<String, Response> responses;

    public ResponseCatalog(Map<String, Response> responses) {
        this.responses = Map.copyOf(responses);
    }

    public boolean contains(String name) {
        return responses.containsKey(name);
    }

    public Collection<Response> all() {
        return responses.values();
    }

    /**
     * Renders a response for a channel. Variants meant for that channel win over general ones;
     * among several, {@code turn} picks one so that replies vary but stay repeatable.
     *
     * @throws IllegalArgumentException for an unknown response (content validation prevents it)
     */
    public BotMessage render(String name, Channel channel, Map<String, String> variables, int turn) {
        Response response = responses.get(name);
        if (response == null) {
            throw new IllegalArgumentException("unknown response " + name);
        }
        List<ResponseVariant> specific = response.variants().stream()
                .filter(variant -> variant.channels().contains(channel)).toList();
        List<ResponseVariant> candidates = specific.isEmpty()
                ? response.variants().stream().filter(variant -> variant.isFor(channel)).toList()
                : specific;
        if (candidates.isEmpty()) {
            candidates = response.variants();
        }
        ResponseVariant variant = candidates.get(Math.floorMod(turn, candidates.size()));
        List<Button> buttons = variant.buttons().stream()
                .map(button -> new Button(Template.fill(button.title(), variables), Template.fill(button.payload(), variables)))
                .toList();
        return new BotMessage(withoutGaps(Template.fill(variant.text(), variables)), buttons);
    }

    /** An empty placeholder ("{service_hours}" for a service with unknown hours) leaves no gap. */
    private static String withoutGaps(String text) {
        // Most replies have no gap: the expression is only run on those that do.
        return (text.contains("  ") ? EXTRA_SPACES.matcher(text).replaceAll(" ") : text).strip();
    }

    public Response get(String name) {
        return Objects.requireNonNull(responses.get(name), () -> "unknown response " + name);
    }
}
