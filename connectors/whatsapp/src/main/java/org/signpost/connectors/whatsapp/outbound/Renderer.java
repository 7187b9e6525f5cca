package org.signpost.connectors.whatsapp.outbound;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.Button;

/**
 * Renders a bot reply in WhatsApp's idiom, as the bodies of Cloud API
 * {@code POST /{version}/{phone-number-id}/messages} requests.
 *
 * <p>WhatsApp is strict where the web widget is forgiving: Meta rejects a whole message that breaks
 * any one of its limits (4,096 characters of text, 1,024 of interactive body, 3 reply buttons
 * titled in 20 characters, 10 list rows titled in 24, unique titles, ids of 256 or 200 characters),
 * and a rejected message is a reply the person never sees. So nothing rendered here is over a
 * limit: long text is split where a reader would pause, long titles are shortened at a word (a list
 * row keeps the full wording as its description), and options WhatsApp cannot show interactively
 * become numbered text, which {@link #numberedChoice} maps back to a payload.
 *
 * <p>Lengths are counted in UTF-16 units, never fewer than the characters Meta counts, and a cut
 * never splits a surrogate pair.
 */
public final class Renderer {

    public static final int MAX_TEXT = 4096;
    public static final int MAX_BUTTONS = 3;
    public static final int MAX_BUTTON_TITLE = 20;
    public static final int MAX_ROWS = 10;
    public static final int MAX_ROW_TITLE = 24;
    public static final int MAX_ROW_DESCRIPTION = 72;
    public static final int MAX_INTERACTIVE_BODY = 1024;
    public static final int MAX_BUTTON_ID = 256;
    public static final int MAX_ROW_ID = 200;

    /** The interactive body when the bot offers options without saying anything: WhatsApp requires one. */
    public static final String DEFAULT_BODY = "Please choose one:";
    /** What the button that opens a list says. */
    public static final String LIST_BUTTON = "Choose";
    /** The title of a list's only section. */
    public static final String LIST_SECTION = "Options";
    /** The last line of options shown as numbered text. */
    public static final String NUMBERED_PROMPT = "Reply with the number of your choice.";
    public static final String ELLIPSIS = "…";

    /** Where text may be broken, best first: paragraph, line, sentence, word. */
    private static final List<List<String>> BREAKS = List.of(List.of("\n\n"), List.of("\n"), List.of(". ", "? ", "! "),
            List.of(" "));

    /** A bare number, as typed on a phone: "2", " 2 ", "2." or "2)". */
    private static final Pattern NUMBER = Pattern.compile("\\s*(\\d{1,9})\\s*[.)]?\\s*");

    /** What a shortened title should not end with before its ellipsis. */
    private static final Pattern DANGLING = Pattern.compile("[\\s,;:.\\-–—]+$");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * The request bodies that show {@code message} to {@code recipient}, in order. Never empty,
     * except for a message with neither text nor buttons: there is nothing to say, and WhatsApp
     * rejects an empty text.
     *
     * @param recipient the person's WhatsApp id ({@code wa_id})
     * @throws IllegalArgumentException when {@code recipient} is blank
     */
    public List<JsonObject> render(String recipient, BotMessage message) {
        requireRecipient(recipient);
        Objects.requireNonNull(message, "message");
        List<Button> buttons = message.buttons();
        if (buttons.isEmpty()) {
            return texts(recipient, split(message.text(), MAX_TEXT));
        }
        if (numbered(buttons)) {
            return texts(recipient, split(numberedText(message.text(), buttons), MAX_TEXT));
        }
        Body body = Body.of(message.text());
        List<JsonObject> requests = new ArrayList<>(texts(recipient, body.lead()));
        requests.add(buttons.size() <= MAX_BUTTONS ? replyButtons(recipient, body.text(), buttons)
                : list(recipient, body.text(), buttons));
        return List.copyOf(requests);
    }

    /**
     * A text message. Use {@link #render} for text that may be longer than {@link #MAX_TEXT}: it splits.
     *
     * @throws IllegalArgumentException when {@code recipient} or {@code body} is blank, or {@code body}
     *     is longer than WhatsApp accepts
     */
    public static JsonObject text(String recipient, String body) {
        requireRecipient(recipient);
        Objects.requireNonNull(body, "body");
        if (body.isBlank() || body.length() > MAX_TEXT) {
            throw new IllegalArgumentException("a WhatsApp text must have 1 to " + MAX_TEXT + " characters, not "
                    + body.strip().length());
        }
        return envelope(recipient, "text").put("text", new JsonObject().put("body", body));
    }

    /**
     * A template message: the only kind WhatsApp delivers outside the 24 hours after the person last wrote.
     *
     * @param languageCode the template's language as registered with Meta, such as {@code en_GB}
     */
    public static JsonObject template(String recipient, String name, String languageCode) {
        requireRecipient(recipient);
        requireText(name, "template name");
        requireText(languageCode, "template language");
        return envelope(recipient, "template")
                .put("template", new JsonObject().put("name", name).put("language", new JsonObject().put("code", languageCode)));
    }

    /**
     * The payload of the option a person chose by typing its number, when {@code offered} was shown as
     * numbered text (see {@link #render}); empty otherwise, and when the number is not one shown.
     * Options shown as buttons or a list come back as their payload, not a number, so a bare number
     * there is just text.
     */
    public static Optional<String> numberedChoice(String typed, List<Button> offered) {
        Objects.requireNonNull(typed, "typed");
        Objects.requireNonNull(offered, "offered");
        Matcher number = NUMBER.matcher(typed);
        if (!numbered(offered) || !number.matches()) {
            return Optional.empty();
        }
        int chosen = Integer.parseInt(number.group(1));
        return chosen >= 1 && chosen <= offered.size() ? Optional.of(offered.get(chosen - 1).payload()) : Optional.empty();
    }

    /**
     * Whether options must be shown as numbered text: too many for a list, or payloads WhatsApp cannot
     * carry as ids (blank, too long or repeated) in the form they would take.
     */
    private static boolean numbered(List<Button> buttons) {
        if (buttons.size() > MAX_ROWS) {
            return true;
        }
        int maxId = buttons.size() <= MAX_BUTTONS ? MAX_BUTTON_ID : MAX_ROW_ID;
        Set<String> ids = new HashSet<>();
        for (Button button : buttons) {
            String id = button.payload();
            if (id.isBlank() || id.length() > maxId || !ids.add(id)) {
                return true;
            }
        }
        return false;
    }

    private static String numberedText(String text, List<Button> buttons) {
        StringBuilder numbered = new StringBuilder();
        if (!text.isBlank()) {
            numbered.append(text.strip()).append("\n\n");
        }
        for (int i = 0; i < buttons.size(); i++) {
            numbered.append(i + 1).append(". ").append(label(buttons.get(i), i)).append('\n');
        }
        return numbered.append('\n').append(NUMBERED_PROMPT).toString();
    }

    private static JsonObject replyButtons(String recipient, String body, List<Button> buttons) {
        List<String> titles = titles(buttons, MAX_BUTTON_TITLE);
        JsonArray replies = new JsonArray();
        for (int i = 0; i < buttons.size(); i++) {
            replies.add(new JsonObject().put("type", "reply")
                    .put("reply", new JsonObject().put("id", buttons.get(i).payload()).put("title", titles.get(i))));
        }
        return interactive(recipient, "button", body, new JsonObject().put("buttons", replies));
    }

    private static JsonObject list(String recipient, String body, List<Button> buttons) {
        List<String> titles = titles(buttons, MAX_ROW_TITLE);
        JsonArray rows = new JsonArray();
        for (int i = 0; i < buttons.size(); i++) {
            String full = label(buttons.get(i), i);
            JsonObject row = new JsonObject().put("id", buttons.get(i).payload()).put("title", titles.get(i));
            // A shortened title would hide what the option is; the description has room to say it.
            if (!titles.get(i).startsWith(full)) {
                row.put("description", shorten(full, MAX_ROW_DESCRIPTION));
            }
            rows.add(row);
        }
        JsonObject section = new JsonObject().put("title", LIST_SECTION).put("rows", rows);
        return interactive(recipient, "list", body,
                new JsonObject().put("button", LIST_BUTTON).put("sections", new JsonArray().add(section)));
    }

    private static JsonObject interactive(String recipient, String type, String body, JsonObject action) {
        return envelope(recipient, "interactive").put("interactive", new JsonObject().put("type", type)
                .put("body", new JsonObject().put("text", body)).put("action", action));
    }

    private static JsonObject envelope(String recipient, String type) {
        return new JsonObject().put("messaging_product", "whatsapp").put("recipient_type", "individual")
                .put("to", recipient).put("type", type);
    }

    private static List<JsonObject> texts(String recipient, List<String> chunks) {
        return chunks.stream().map(chunk -> text(recipient, chunk)).toList();
    }

    /**
     * The buttons' titles shortened to {@code max}, then made unique, as WhatsApp requires, by
     * numbering repeats " 2", " 3"... Case is ignored: titles differing only in case read the same.
     */
    private static List<String> titles(List<Button> buttons, int max) {
        List<String> titles = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < buttons.size(); i++) {
            String full = label(buttons.get(i), i);
            String title = shorten(full, max);
            for (int n = 2; !taken.add(title.toLowerCase(Locale.ROOT)); n++) {
                String suffix = " " + n;
                title = shorten(full, max - suffix.length()) + suffix;
            }
            titles.add(title);
        }
        return titles;
    }

    /** What a button says, on one line; "Option n" for a blank title, which WhatsApp would reject. */
    private static String label(Button button, int index) {
        String title = WHITESPACE.matcher(button.title().strip()).replaceAll(" ");
        return title.isEmpty() ? "Option " + (index + 1) : title;
    }

    /** {@code text} cut to at most {@code max} characters at a word boundary, with an ellipsis that counts in them. */
    private static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int room = max - ELLIPSIS.length();
        int space = text.lastIndexOf(' ', room);
        // A boundary that throws away more than half the room hides more than a cut word does.
        String head = space >= room / 2 ? text.substring(0, space) : text.substring(0, safeEnd(text, room));
        head = DANGLING.matcher(head).replaceAll("");
        return (head.isEmpty() ? text.substring(0, safeEnd(text, room)) : head) + ELLIPSIS;
    }

    /**
     * {@code text} stripped, in chunks of at most {@code limit} characters, each ended at the best
     * boundary before the limit (paragraph, line, sentence, word), else cut hard. Chunks are stripped and never empty.
     */
    private static List<String> split(String text, int limit) {
        List<String> chunks = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > limit) {
            int end = headEnd(rest, limit);
            chunks.add(rest.substring(0, end).strip());
            rest = rest.substring(end).strip();
        }
        if (!rest.isEmpty()) {
            chunks.add(rest);
        }
        return chunks;
    }

    /** Where the longest head of stripped {@code text} that fits {@code limit} ends: the last best boundary. */
    private static int headEnd(String text, int limit) {
        for (List<String> marks : BREAKS) {
            int end = -1;
            for (String mark : marks) {
                int kept = mark.strip().length(); // a sentence keeps its full stop
                int at = text.lastIndexOf(mark, limit - kept);
                if (at > 0) {
                    end = Math.max(end, at + kept);
                }
            }
            if (end > 0) {
                return end;
            }
        }
        return safeEnd(text, limit);
    }

    /** Where the longest tail of stripped {@code text} that fits {@code limit} starts: the first best boundary. */
    private static int tailStart(String text, int limit) {
        int reach = text.length() - limit;
        for (List<String> marks : BREAKS) {
            int start = Integer.MAX_VALUE;
            for (String mark : marks) {
                // The mark itself is stripped from the tail, so it may begin just before the reach.
                int at = text.indexOf(mark, Math.max(1, reach - mark.length()));
                if (at > 0) {
                    start = Math.min(start, at + mark.strip().length());
                }
            }
            if (start != Integer.MAX_VALUE) {
                return start;
            }
        }
        return Character.isLowSurrogate(text.charAt(reach)) ? reach + 1 : reach;
    }

    /** {@code end}, or one less when it would split a surrogate pair. */
    private static int safeEnd(String text, int end) {
        return Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end;
    }

    private static void requireRecipient(String recipient) {
        requireText(recipient, "recipient");
    }

    private static void requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    /**
     * The body of an interactive message: the text's last part that fits WhatsApp's interactive body,
     * with whatever comes before it ({@code lead}) sent first as text, so the options follow the words
     * they answer.
     */
    private record Body(List<String> lead, String text) {

        static Body of(String text) {
            String stripped = text.strip();
            if (stripped.isEmpty()) {
                return new Body(List.of(), DEFAULT_BODY);
            }
            if (stripped.length() <= MAX_INTERACTIVE_BODY) {
                return new Body(List.of(), stripped);
            }
            int start = tailStart(stripped, MAX_INTERACTIVE_BODY);
            return new Body(split(stripped.substring(0, start), MAX_TEXT), stripped.substring(start).strip());
        }
    }
}
