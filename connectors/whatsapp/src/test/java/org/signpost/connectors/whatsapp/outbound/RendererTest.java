package org.signpost.connectors.whatsapp.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.signpost.core.message.BotMessage;
import org.signpost.core.message.Button;

class RendererTest {

    private static final String TO = "447700900123";

    private final Renderer renderer = new Renderer();

    @Test
    void aTextMessageHasTheCloudApiShape() {
        List<JsonObject> requests = renderer.render(TO, BotMessage.text("  Hello, I'm Signpost.\n"));

        assertThat(requests).containsExactly(new JsonObject("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"447700900123",
                 "type":"text","text":{"body":"Hello, I'm Signpost."}}"""));
    }

    @Test
    void upToThreeButtonsAreReplyButtonsWithThePayloadAsId() {
        BotMessage message = new BotMessage("Is this for you?",
                List.of(new Button("Yes", "/affirm"), new Button("No, someone else", "/deny")));

        assertThat(renderer.render(TO, message)).containsExactly(new JsonObject("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"447700900123","type":"interactive",
                 "interactive":{"type":"button","body":{"text":"Is this for you?"},
                  "action":{"buttons":[{"type":"reply","reply":{"id":"/affirm","title":"Yes"}},
                                       {"type":"reply","reply":{"id":"/deny","title":"No, someone else"}}]}}}"""));
    }

    @Test
    void fourToTenButtonsAreAListWhoseShortenedRowsKeepTheirFullTitle() {
        BotMessage message = new BotMessage("What do you need?", List.of(new Button("Pharmacy", "/pharmacy"),
                new Button("Find a pharmacy open late tonight", "/late_pharmacy"), new Button("GP", "/gp"),
                new Button("Dentist", "/dentist")));

        assertThat(renderer.render(TO, message)).containsExactly(new JsonObject("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"447700900123","type":"interactive",
                 "interactive":{"type":"list","body":{"text":"What do you need?"},
                  "action":{"button":"Choose","sections":[{"title":"Options","rows":[
                   {"id":"/pharmacy","title":"Pharmacy"},
                   {"id":"/late_pharmacy","title":"Find a pharmacy open…","description":"Find a pharmacy open late tonight"},
                   {"id":"/gp","title":"GP"},
                   {"id":"/dentist","title":"Dentist"}]}]}}}"""));
    }

    @Test
    void aTemplateHasTheCloudApiShape() {
        assertThat(Renderer.template(TO, "appointment_reminder", "en_GB")).isEqualTo(new JsonObject("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"447700900123","type":"template",
                 "template":{"name":"appointment_reminder","language":{"code":"en_GB"}}}"""));
    }

    @Test
    void longTextIsSplitAtTheLastParagraphBreakBeforeTheLimit() {
        // Line breaks and sentences after the paragraph break, still within the limit, must not win.
        String first = prose(1500) + "\n" + prose(1499);
        String second = prose(500) + "\n" + prose(2499);
        String third = prose(100);

        List<String> bodies = bodies(renderer.render(TO, BotMessage.text(first + "\n\n" + second + "\n\n" + third)));

        assertThat(bodies).containsExactly(first, second + "\n\n" + third);
    }

    @Test
    void withoutParagraphsTextIsSplitAtALineThenASentenceThenASpace() {
        List<String> lines = IntStream.range(0, 5).mapToObj(i -> String.valueOf(i).repeat(1000)).toList();
        assertThat(bodies(renderer.render(TO, BotMessage.text(String.join("\n", lines)))))
                .containsExactly(String.join("\n", lines.subList(0, 4)), lines.get(4));

        String sentences = prose(5000);
        List<String> bySentence = bodies(renderer.render(TO, BotMessage.text(sentences)));
        assertThat(bySentence).hasSize(2);
        assertThat(bySentence.get(0)).hasSizeLessThanOrEqualTo(Renderer.MAX_TEXT).endsWith("surgery.");
        assertThat(bySentence.get(0) + " " + bySentence.get(1)).isEqualTo(sentences);

        String words = "abcdefghi ".repeat(500).strip();
        List<String> byWord = bodies(renderer.render(TO, BotMessage.text(words)));
        assertThat(byWord).hasSize(2);
        assertThat(byWord.get(0)).hasSizeLessThanOrEqualTo(Renderer.MAX_TEXT).endsWith(" abcdefghi");
        assertThat(byWord.get(0) + " " + byWord.get(1)).isEqualTo(words);
    }

    @Test
    void aWordLongerThanTheLimitIsCutHard() {
        String word = "x".repeat(10_000);

        assertThat(bodies(renderer.render(TO, BotMessage.text(word)))).extracting(String::length)
                .containsExactly(4096, 4096, 1808);
    }

    @Test
    void aHardCutNeverSplitsAnEmoji() {
        String text = "a" + "\uD83D\uDE00".repeat(3000);

        List<String> bodies = bodies(renderer.render(TO, BotMessage.text(text)));

        assertThat(String.join("", bodies)).isEqualTo(text);
        assertThat(bodies).allSatisfy(body -> {
            assertThat(body).hasSizeLessThanOrEqualTo(Renderer.MAX_TEXT);
            assertThat(Character.isHighSurrogate(body.charAt(body.length() - 1))).isFalse();
        });
    }

    @Test
    void textTooLongForAnInteractiveBodyGoesFirstAsText() {
        String lead = prose(700);
        String last = prose(798);
        BotMessage message = new BotMessage(lead + "\n\n" + last, List.of(new Button("Yes", "/affirm")));

        List<JsonObject> requests = renderer.render(TO, message);

        assertThat(requests).extracting(request -> request.getString("type")).containsExactly("text", "interactive");
        assertThat(requests.get(0).getJsonObject("text").getString("body")).isEqualTo(lead);
        assertThat(body(requests.get(1))).isEqualTo(last).hasSizeLessThanOrEqualTo(Renderer.MAX_INTERACTIVE_BODY);
    }

    @Test
    void withoutParagraphsTheInteractiveBodyStartsAtASentence() {
        String text = prose(1500);

        List<JsonObject> requests = renderer.render(TO, new BotMessage(text, List.of(new Button("Yes", "/affirm"))));

        assertThat(requests).hasSize(2);
        String lead = requests.get(0).getJsonObject("text").getString("body");
        String body = body(requests.get(1));
        assertThat(body).hasSizeLessThanOrEqualTo(Renderer.MAX_INTERACTIVE_BODY).startsWith("Call the surgery.");
        assertThat(lead).endsWith(".");
        assertThat(lead + " " + body).isEqualTo(text);
    }

    @Test
    void longTitlesAreShortenedAtAWordWithAnEllipsis() {
        List<Button> buttons = List.of(new Button("Find a pharmacy open late tonight", "/a"),
                new Button("Our opening hours, or days", "/b"), new Button("Supercalifragilisticexpialidocious", "/c"));

        assertThat(buttonTitles(renderer.render(TO, new BotMessage("Which?", buttons))))
                .containsExactly("Find a pharmacy…", "Our opening hours…", "Supercalifragilisti…");
        assertThat(rowTitles(renderer.render(TO, new BotMessage("Which?", withFiller(buttons)))).subList(0, 3))
                .containsExactly("Find a pharmacy open…", "Our opening hours, or…", "Supercalifragilisticexp…");
    }

    @Test
    void titlesAreUniqueAfterShortening() {
        List<Button> alike = List.of(new Button("Appointments for this week", "/week"),
                new Button("Appointments for this weekend", "/weekend"));

        assertThat(buttonTitles(renderer.render(TO, new BotMessage("When?", alike))))
                .containsExactly("Appointments for…", "Appointments for… 2");
        // A title already at the limit is shortened further to make room for its number.
        assertThat(buttonTitles(renderer.render(TO, new BotMessage("When?", List.of(
                new Button("Book an appointment today", "/today"), new Button("Book an appointment tomorrow", "/tomorrow"))))))
                .containsExactly("Book an appointment…", "Book an appointme… 2");
        assertThat(buttonTitles(renderer.render(TO, new BotMessage("Sure?",
                List.of(new Button("Yes", "/a"), new Button("yes", "/b"), new Button("Yes", "/c"))))))
                .containsExactly("Yes", "yes 2", "Yes 3");
        List<JsonObject> rows = rows(renderer.render(TO, new BotMessage("When?", withFiller(alike))));
        assertThat(rows.subList(0, 2)).extracting(row -> row.getString("title"))
                .containsExactly("Appointments for this…", "Appointments for this… 2");
        assertThat(rows.subList(0, 2)).extracting(row -> row.getString("description"))
                .containsExactly("Appointments for this week", "Appointments for this weekend");
    }

    @Test
    void listDescriptionsCarryTheFullTitleShortenedToTheirOwnLimit() {
        String veryLong = "Talk to someone about looking after a relative, a friend or a neighbour who needs help at home";
        List<Button> buttons = withFiller(List.of(new Button(veryLong, "/carer_support"), new Button("GP", "/gp")));

        List<JsonObject> rows = rows(renderer.render(TO, new BotMessage("How can I help?", buttons)));

        assertThat(rows.get(0).getString("title")).isEqualTo("Talk to someone about…");
        assertThat(rows.get(0).getString("description")).hasSizeLessThanOrEqualTo(Renderer.MAX_ROW_DESCRIPTION)
                .isEqualTo("Talk to someone about looking after a relative, a friend or a neighbour…");
        assertThat(rows.get(1).containsKey("description")).isFalse();
    }

    @Test
    void moreThanTenOptionsAreNumberedText() {
        BotMessage message = new BotMessage("Which area?", areas(11));

        List<JsonObject> requests = renderer.render(TO, message);

        assertThat(requests).containsExactly(Renderer.text(TO, """
                Which area?

                1. Area 1
                2. Area 2
                3. Area 3
                4. Area 4
                5. Area 5
                6. Area 6
                7. Area 7
                8. Area 8
                9. Area 9
                10. Area 10
                11. Area 11

                Reply with the number of your choice."""));
    }

    @Test
    void aTypedNumberChoosesANumberedOption() {
        List<Button> offered = areas(11);

        assertThat(Renderer.numberedChoice("2", offered)).contains("/area2");
        assertThat(Renderer.numberedChoice("3.", offered)).contains("/area3");
        assertThat(Renderer.numberedChoice(" 3 ", offered)).contains("/area3");
        assertThat(Renderer.numberedChoice("3)", offered)).contains("/area3");
        assertThat(Renderer.numberedChoice("11", offered)).contains("/area11");
    }

    @Test
    void anythingButANumberShownChoosesNothing() {
        List<Button> offered = areas(11);

        for (String typed : List.of("0", "12", "99999999999", "-1", "1.5", "two", "2a", "no. 2", "", "  ")) {
            assertThat(Renderer.numberedChoice(typed, offered)).as(typed).isEmpty();
        }
        // Options shown as buttons or a list answer with their payload, never a number.
        assertThat(Renderer.numberedChoice("2", areas(10))).isEmpty();
        assertThat(Renderer.numberedChoice("1", List.of())).isEmpty();
    }

    @Test
    void aPayloadTooLongForAnIdFallsBackToNumberedText() {
        String longPayload = "/find_service{\"locality\": \"" + "H".repeat(300) + "\"}";
        List<Button> two = List.of(new Button("Here", "/here"), new Button("Elsewhere", longPayload));

        List<JsonObject> requests = renderer.render(TO, new BotMessage("Where?", two));

        assertThat(bodies(requests)).containsExactly("Where?\n\n1. Here\n2. Elsewhere\n\nReply with the number of your choice.");
        assertThat(Renderer.numberedChoice("2", two)).contains(longPayload);
    }

    @Test
    void theIdLimitIsTheOneOfTheFormTheOptionsWouldTake() {
        String payload = "/p" + "x".repeat(Renderer.MAX_ROW_ID);
        List<Button> three = List.of(new Button("A", payload), new Button("B", "/b"), new Button("C", "/c"));

        // 202 characters fit a reply button's id but not a list row's.
        assertThat(renderer.render(TO, new BotMessage("Pick", three)).get(0).getJsonObject("interactive")
                .getJsonObject("action").getJsonArray("buttons").getJsonObject(0).getJsonObject("reply").getString("id"))
                .isEqualTo(payload);
        assertThat(renderer.render(TO, new BotMessage("Pick", withFiller(three))))
                .singleElement().extracting(request -> request.getString("type")).isEqualTo("text");
    }

    @Test
    void repeatedPayloadsFallBackToNumberedText() {
        List<Button> same = List.of(new Button("Yes", "/affirm"), new Button("Yes please", "/affirm"));

        assertThat(bodies(renderer.render(TO, new BotMessage("OK?", same))))
                .containsExactly("OK?\n\n1. Yes\n2. Yes please\n\nReply with the number of your choice.");
    }

    @Test
    void blankTextWithoutButtonsHasNothingToSay() {
        assertThat(renderer.render(TO, BotMessage.text(" \n\n "))).isEmpty();
    }

    @Test
    void blankTextWithOptionsStillAsksForAChoice() {
        List<Button> two = List.of(new Button("Yes", "/affirm"), new Button("No", "/deny"));

        assertThat(body(renderer.render(TO, new BotMessage("  ", two)).get(0))).isEqualTo(Renderer.DEFAULT_BODY);
        assertThat(body(renderer.render(TO, new BotMessage("", withFiller(two))).get(0))).isEqualTo(Renderer.DEFAULT_BODY);
        assertThat(bodies(renderer.render(TO, new BotMessage("\n", areas(11)))).get(0)).startsWith("1. Area 1\n2. Area 2\n");
    }

    @Test
    void blankTitlesAreNamedByPosition() {
        List<Button> buttons = List.of(new Button("Yes", "/affirm"), new Button(" ", "/other"));

        assertThat(buttonTitles(renderer.render(TO, new BotMessage("OK?", buttons)))).containsExactly("Yes", "Option 2");
    }

    @Test
    void recipientAndTextsAreChecked() {
        assertThatThrownBy(() -> renderer.render(" ", BotMessage.text("Hi"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> renderer.render(TO, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Renderer.text("", "Hi")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Renderer.text(TO, "x".repeat(Renderer.MAX_TEXT + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Renderer.template(TO, " ", "en_GB")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothingRenderedIsOverAWhatsAppLimit() {
        Random random = new Random(7);
        List<String> titles = List.of("Yes", "Book an appointment", "Find a pharmacy open late tonight", "Option about many things");
        List<String> pieces = List.of("word", "pharmacy", "surgery.", "\n", "\n\n", "? ", "\uD83D\uDE00", "x".repeat(300), "  ");
        for (int run = 0; run < 300; run++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(9000); text.length() < length; ) {
                text.append(pieces.get(random.nextInt(pieces.size()))).append(random.nextBoolean() ? " " : "");
            }
            List<Button> buttons = new ArrayList<>();
            for (int i = random.nextInt(13); i > 0; i--) {
                buttons.add(new Button(titles.get(random.nextInt(titles.size())) + " " + random.nextInt(3),
                        "/p" + i + "x".repeat(random.nextInt(12) == 0 ? 255 : 10)));
            }

            List<JsonObject> requests = renderer.render(TO, new BotMessage(text.toString(), buttons));

            assertThat(requests.isEmpty()).isEqualTo(text.toString().isBlank() && buttons.isEmpty());
            for (JsonObject request : requests) {
                assertWithinLimits(request);
            }
        }
    }

    private static void assertWithinLimits(JsonObject request) {
        if ("text".equals(request.getString("type"))) {
            assertThat(request.getJsonObject("text").getString("body")).isNotBlank()
                    .hasSizeLessThanOrEqualTo(Renderer.MAX_TEXT);
            return;
        }
        assertThat(body(request)).isNotBlank().hasSizeLessThanOrEqualTo(Renderer.MAX_INTERACTIVE_BODY);
        JsonObject interactive = request.getJsonObject("interactive");
        Set<String> titles = new HashSet<>();
        if ("button".equals(interactive.getString("type"))) {
            JsonArray buttons = interactive.getJsonObject("action").getJsonArray("buttons");
            assertThat(buttons.size()).isBetween(1, Renderer.MAX_BUTTONS);
            for (JsonObject reply : replies(buttons)) {
                assertThat(reply.getString("title")).isNotBlank().hasSizeLessThanOrEqualTo(Renderer.MAX_BUTTON_TITLE);
                assertThat(reply.getString("id")).hasSizeLessThanOrEqualTo(Renderer.MAX_BUTTON_ID);
                assertThat(titles.add(reply.getString("title").toLowerCase(Locale.ROOT))).isTrue();
            }
        } else {
            List<JsonObject> rows = rows(List.of(request));
            assertThat(rows.size()).isBetween(Renderer.MAX_BUTTONS + 1, Renderer.MAX_ROWS);
            for (JsonObject row : rows) {
                assertThat(row.getString("title")).isNotBlank().hasSizeLessThanOrEqualTo(Renderer.MAX_ROW_TITLE);
                assertThat(row.getString("description", "")).hasSizeLessThanOrEqualTo(Renderer.MAX_ROW_DESCRIPTION);
                assertThat(row.getString("id")).hasSizeLessThanOrEqualTo(Renderer.MAX_ROW_ID);
                assertThat(titles.add(row.getString("title").toLowerCase(Locale.ROOT))).isTrue();
            }
        }
    }

    /** Sentences of the given exact length, ending with a full stop. */
    private static String prose(int length) {
        return "Call the surgery. ".repeat(length / 18 + 1).substring(0, length - 1) + ".";
    }

    private static List<Button> areas(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> new Button("Area " + n, "/area" + n)).toList();
    }

    /** The buttons followed by enough others to make a list. */
    private static List<Button> withFiller(List<Button> buttons) {
        List<Button> list = new ArrayList<>(buttons);
        for (int n = 1; list.size() <= Renderer.MAX_BUTTONS; n++) {
            list.add(new Button("Filler " + n, "/filler" + n));
        }
        return list;
    }

    private static List<String> bodies(List<JsonObject> requests) {
        assertThat(requests).allSatisfy(request -> assertThat(request.getString("type")).isEqualTo("text"));
        return requests.stream().map(request -> request.getJsonObject("text").getString("body")).toList();
    }

    private static String body(JsonObject interactiveRequest) {
        return interactiveRequest.getJsonObject("interactive").getJsonObject("body").getString("text");
    }

    private static List<JsonObject> replies(JsonArray buttons) {
        return buttons.stream().map(JsonObject.class::cast).map(button -> button.getJsonObject("reply")).toList();
    }

    private static List<String> buttonTitles(List<JsonObject> requests) {
        JsonObject last = requests.get(requests.size() - 1).getJsonObject("interactive");
        assertThat(last.getString("type")).isEqualTo("button");
        return replies(last.getJsonObject("action").getJsonArray("buttons")).stream()
                .map(reply -> reply.getString("title")).toList();
    }

    private static List<JsonObject> rows(List<JsonObject> requests) {
        JsonObject last = requests.get(requests.size() - 1).getJsonObject("interactive");
        assertThat(last.getString("type")).isEqualTo("list");
        return last.getJsonObject("action").getJsonArray("sections").getJsonObject(0).getJsonArray("rows").stream()
                .map(JsonObject.class::cast).toList();
    }

    private static List<String> rowTitles(List<JsonObject> requests) {
        return rows(requests).stream().map(row -> row.getString("title")).toList();
    }
}
