package org.signpost.core.response;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.signpost.core.message.Button;
import org.signpost.core.message.Channel;

/**
 * One way of saying a response. {@code text} and button titles may contain {@code {variable}}
 * placeholders (slots, or values an action provides).
 *
 * @param channels the channels this variant is for; empty means every channel
 */
public record ResponseVariant(String text, List<Button> buttons, Set<Channel> channels) {

    public ResponseVariant {
        Objects.requireNonNull(text, "text");
        buttons = List.copyOf(buttons);
        channels = Set.copyOf(channels);
    }

    public boolean isFor(Channel channel) {
        return channels.isEmpty() || channels.contains(channel);
    }
}
