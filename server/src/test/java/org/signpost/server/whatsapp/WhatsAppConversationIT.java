package org.signpost.server.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.signpost.server.whatsapp.FakeGraphApi.Request;

/**
 * A whole conversation over WhatsApp, end to end against the fake Graph API: a list, a
 * self-referral answered with typed text and reply buttons, then a handoff to a care navigator who
 * talks with the person from the console API and hands back to the bot.
 */
class WhatsAppConversationIT extends AgainstWhatsApp {

    private static final String SERVICE = "Dudley Talking Therapies (NHS Talking Therapies for anxiety and depression)";

    /** Sends one message and answers what came back (once replies stop arriving for a moment). */
    private static List<Request> exchange(String person, JsonObject message) throws Exception {
        int before = whatsapp.graph.delivered(person).size();
        whatsapp.deliver(message);
        whatsapp.graph.awaitDelivered(person, before + 1);
        int seen;
        do {
            seen = whatsapp.graph.delivered(person).size();
            Thread.sleep(250);
        } while (whatsapp.graph.delivered(person).size() != seen);
        List<Request> all = whatsapp.graph.delivered(person);
        return all.subList(before, all.size());
    }

    /** Taps the option whose id (the bot's payload) matches, on the last message that offered options. */
    private static List<Request> tap(String person, Predicate<String> option) throws Exception {
        List<Request> delivered = whatsapp.graph.delivered(person);
        Request offer = delivered.stream().filter(r -> !r.optionIds().isEmpty()).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("nothing offered options to tap"));
        String id = offer.optionIds().stream().filter(option).findFirst()
                .orElseThrow(() -> new AssertionError("no such option in " + offer.optionIds()));
        boolean list = offer.body().getJsonObject("interactive").getString("type").equals("list");
        return exchange(person, list ? Meta.listReply(person, id, "chosen") : Meta.buttonReply(person, id, "chosen"));
    }

    private static String text(List<Request> replies) {
        return String.join("\n", replies.stream().map(Request::text).toList());
    }

    @Test
    void aListButtonsAReferralAndAHandoffInOneConversation() throws Exception {
        String person = "447700900201";
        // A list: five localities are more than three buttons.
        exchange(person, Meta.text(person, "I need help with falls"));
        assertThat(tap(person, id -> id.contains("Halesowen")).stream().map(Request::text)).anyMatch(t -> t.contains("Halesowen"));

        // A referral, answered with typed text and reply buttons.
        String start = "/make_referral" + new JsonObject().put("service", SERVICE).put("relationship", "self").encode();
        assertThat(text(exchange(person, Meta.buttonReply(person, start, "Refer myself")))).isNotBlank();
        for (String answer : List.of("Alex Green", "03/05/1950")) {
            exchange(person, Meta.text(person, answer));
        }
        tap(person, id -> id.equals("/deny"));
        for (String answer : List.of("DY8 1AB", "07700 900123", "I have felt low for months")) {
            exchange(person, Meta.text(person, answer));
        }
        tap(person, id -> id.contains("routine"));
        List<Request> readBack = tap(person, id -> id.equals("/affirm"));
        assertThat(text(readBack)).contains("Alex Green").contains("DY8 1AB");
        // Yes/No: reply buttons, not a list.
        assertThat(readBack.get(readBack.size() - 1).body().getJsonObject("interactive").getString("type")).isEqualTo("button");
        Matcher reference = Pattern.compile("SP-[A-Z0-9]{6}").matcher(text(tap(person, id -> id.equals("/affirm"))));
        assertThat(reference.find()).isTrue();
        HttpResponse<String> referral = whatsapp.call("GET", "/api/referrals/" + reference.group(), null);
        assertThat(referral.statusCode()).as(referral.body()).isEqualTo(200);
        assertThat(new JsonObject(referral.body()).getString("channel")).isEqualTo("whatsapp");
        assertThat(referral.body()).contains("Alex Green").contains("+447700900123");

        // A handoff: a navigator claims it, and they talk both ways.
        exchange(person, Meta.text(person, "can I speak to a real person please"));
        JsonObject escalation = whatsapp.waiting().stream()
                .filter(e -> e.getString("conversation_id").equals("whatsapp:" + person)).findFirst().orElseThrow();
        assertThat(escalation.getString("channel")).isEqualTo("whatsapp");
        HttpResponse<String> claimed = whatsapp.call("POST", "/api/escalations/" + escalation.getString("id") + "/claim", null);
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        whatsapp.graph.awaitDelivered(person, r -> r.text().contains("care navigator has joined"), "the joined notice");
        // The navigator reads the whole conversation, the referral included.
        assertThat(whatsapp.conversation(person).getJsonArray("transcript").encode()).contains(reference.group());

        HttpResponse<String> said = whatsapp.call("POST", "/api/conversations/whatsapp:" + person + "/messages",
                new JsonObject().put("text", "Hello, I'm Nina. I can see your referral " + reference.group() + "."));
        assertThat(said.statusCode()).as(said.body()).isEqualTo(201);
        Request fromNina = whatsapp.graph.awaitDelivered(person, r -> r.text().startsWith("Hello, I'm Nina"), "Nina's line")
                .stream().filter(r -> r.text().startsWith("Hello, I'm Nina")).findFirst().orElseThrow();
        assertThat(fromNina.type()).isEqualTo("text");

        int before = whatsapp.graph.delivered(person).size();
        whatsapp.deliver(Meta.text(person, "thank you, when will they call?"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (!whatsapp.userLines(person).contains("thank you, when will they call?") && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(whatsapp.userLines(person)).contains("thank you, when will they call?");
        // No bot reply while the navigator is there.
        Thread.sleep(500);
        assertThat(whatsapp.graph.delivered(person)).hasSize(before);

        HttpResponse<String> released = whatsapp.call("POST", "/api/conversations/whatsapp:" + person + "/release",
                new JsonObject().put("outcome", "referred"));
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        whatsapp.graph.awaitDelivered(person, r -> r.text().contains("care navigator has left"), "the left notice");
        // The bot answers again (the postcode given for the referral now places the person in Stourbridge).
        assertThat(text(exchange(person, Meta.text(person, "I need help with falls")))).contains("for falls in Stourbridge");
    }
}
