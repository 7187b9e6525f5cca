package org.signpost.server.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signpost.connectors.whatsapp.webhook.Signature;
import org.signpost.server.RunningServer;
import org.signpost.server.whatsapp.FakeGraphApi.Request;

/**
 * Meta's webhook exactly as Meta calls it: the subscription check, signatures, batches,
 * re-deliveries, out-of-order arrival and every message type, with the replies checked where
 * they end up, at a fake Graph API.
 */
class WhatsAppWebhookIT extends AgainstWhatsApp {

    private static RunningServer server() {
        return whatsapp.server;
    }

    @Test
    void theSubscriptionCheckEchoesTheChallengeOnlyForTheRightToken() throws Exception {
        HttpResponse<String> ok = server().get("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token="
                + Meta.VERIFY_TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");

        HttpResponse<String> wrong = server().get("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(wrong.body()).getString("detail")).contains("verify token");

        HttpResponse<String> incomplete = server().get("/webhooks/whatsapp?hub.mode=subscribe");
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(incomplete.body()).getString("detail")).contains("hub.challenge");
    }

    @Test
    void unsignedOrMisSignedNotificationsAreRefusedAndNotHandled() throws Exception {
        String body = Meta.notification(Meta.text("447700900001", "hello"));
        HttpResponse<String> unsigned = Meta.post(server(), body, null);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(unsigned.body()).getString("detail")).contains("X-Hub-Signature-256").contains("missing");

        HttpResponse<String> wrongKey = Meta.post(server(), body, new Signature("another-secret").sign(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(wrongKey.body()).getString("error")).isEqualTo("unauthorized");

        // A valid signature of other bytes: the same JSON re-serialised with a space is not what was signed.
        String tampered = body.replace("\"hello\"", "\"hello \"");
        assertThat(Meta.post(server(), tampered, new Signature(Meta.APP_SECRET).sign(body.getBytes(StandardCharsets.UTF_8)))
                .statusCode()).isEqualTo(401);
        assertThat(Meta.post(server(), body, "sha256=not-hex").statusCode()).isEqualTo(401);

        Thread.sleep(600);
        assertThat(whatsapp.graph.delivered("447700900001")).isEmpty();
    }

    @Test
    void aSignedBodyThatIsNotANotificationIsA400SayingWhy() throws Exception {
        String notJson = "{\"object\":";
        HttpResponse<String> broken = Meta.post(server(), notJson,
                new Signature(Meta.APP_SECRET).sign(notJson.getBytes(StandardCharsets.UTF_8)));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(broken.body()).getString("detail")).contains("not a JSON object");

        String noTimestamp = Meta.notification(Meta.text("447700900002", "hi")).replaceAll("\"timestamp\":\"[0-9]+\",", "");
        HttpResponse<String> missing = Meta.post(server(), noTimestamp);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(missing.body()).getString("detail")).contains("messages[].timestamp");
    }

    @Test
    void aBatchOfThreeMessagesFromThreePeopleIsAnsweredToEach() throws Exception {
        whatsapp.deliver(Meta.text("447700900011", "I need help with falls"), Meta.text("447700900012", "I need help with falls"),
                Meta.text("447700900013", "I need help with falls"));
        for (String person : List.of("447700900011", "447700900012", "447700900013")) {
            List<Request> replies = whatsapp.graph.awaitDelivered(person, r -> r.text().contains("Which part of Dudley"), "the locality question");
            // Five localities: more than three buttons, so a list.
            Request question = replies.stream().filter(r -> r.text().contains("Which part of Dudley")).findFirst().orElseThrow();
            assertThat(question.body().getJsonObject("interactive").getString("type")).isEqualTo("list");
            assertThat(question.authorization()).isEqualTo("Bearer " + Meta.ACCESS_TOKEN);
            assertThat(question.path()).isEqualTo("/v23.0/" + Meta.PHONE_NUMBER_ID + "/messages");
        }
    }

    @Test
    void aReDeliveredMessageIsHandledOnce() throws Exception {
        String person = "447700900021";
        String body = Meta.notification(Meta.text(person, "I need help with falls"));
        Meta.deliver(server(), body);
        whatsapp.graph.awaitDelivered(person, 1);
        Meta.deliver(server(), body);
        Meta.deliver(server(), body);
        Thread.sleep(800);
        assertThat(whatsapp.userLines(person)).containsExactly("I need help with falls");
        assertThat(whatsapp.graph.delivered(person)).hasSize(1);
    }

    @Test
    void messagesDeliveredOutOfOrderAreHandledInTheOrderTheyWereSent() throws Exception {
        String person = "447700900031";
        Instant first = Instant.now().minusSeconds(20);
        // The later message arrives first, in its own notification; the earlier one just after.
        whatsapp.deliver(Meta.text(person, "we live in Sedgley", first.plusSeconds(10)));
        whatsapp.deliver(Meta.text(person, "I need help with falls", first));
        whatsapp.graph.awaitDelivered(person, r -> r.text().contains("North Dudley"), "falls services in North Dudley");
        assertThat(whatsapp.userLines(person)).containsExactly("I need help with falls", "we live in Sedgley");

        // Within one notification too.
        String other = "447700900032";
        whatsapp.deliver(Meta.text(other, "we live in Halesowen", first.plusSeconds(5)), Meta.text(other, "I need help with falls", first));
        whatsapp.graph.awaitDelivered(other, r -> r.text().contains("Halesowen"), "falls services in Halesowen");
        assertThat(whatsapp.userLines(other)).containsExactly("I need help with falls", "we live in Halesowen");
    }

    @Test
    void aChosenListRowIsTheBotsButtonPayload() throws Exception {
        String person = "447700900041";
        whatsapp.deliver(Meta.text(person, "I need help with falls"));
        Request list = whatsapp.graph.awaitDelivered(person, r -> !r.optionIds().isEmpty(), "a list of localities").stream()
                .filter(r -> !r.optionIds().isEmpty()).findFirst().orElseThrow();
        String halesowen = list.body().getJsonObject("interactive").getJsonObject("action").getJsonArray("sections").getJsonObject(0)
                .getJsonArray("rows").stream().map(JsonObject.class::cast).filter(row -> row.getString("title").equals("Halesowen"))
                .findFirst().orElseThrow().getString("id");
        whatsapp.deliver(Meta.listReply(person, halesowen, "Halesowen"));
        whatsapp.graph.awaitDelivered(person, r -> r.text().contains("for falls in Halesowen"), "falls services in Halesowen");
        // The transcript shows what the person saw themselves choose.
        assertThat(whatsapp.userLines(person)).containsExactly("I need help with falls", "Halesowen");
    }

    @Test
    void aTappedReplyButtonIsTheBotsButtonPayload() throws Exception {
        String person = "447700900042";
        whatsapp.deliver(Meta.buttonReply(person, "/human_handoff", "Talk to a person"));
        whatsapp.graph.awaitDelivered(person, 1);
        assertThat(whatsapp.userLines(person)).containsExactly("Talk to a person");
        assertThat(whatsapp.waiting()).anyMatch(escalation -> escalation.getString("conversation_id").equals("whatsapp:" + person));
    }

    @Test
    void aSharedLocationIsALocalityHint() throws Exception {
        // A picked place: its address names the town.
        String person = "447700900051";
        whatsapp.deliver(Meta.text(person, "I need help with falls"));
        whatsapp.graph.awaitDelivered(person, 1);
        whatsapp.deliver(Meta.location(person, 52.4557, -2.1472, "Crown Centre", "Crown Centre, Stourbridge DY8 1YA"));
        whatsapp.graph.awaitDelivered(person, r -> r.text().contains("for falls in Stourbridge"), "falls services in Stourbridge");

        // A bare pin goes to the nearest locality.
        String pinned = "447700900052";
        whatsapp.deliver(Meta.text(pinned, "I need help with falls"));
        whatsapp.graph.awaitDelivered(pinned, 1);
        whatsapp.deliver(Meta.location(pinned, 52.4510, -2.0530, null, null));
        whatsapp.graph.awaitDelivered(pinned, r -> r.text().contains("for falls in Halesowen"), "falls services in Halesowen");

        // A pin far from Dudley is not guessed at.
        String away = "447700900053";
        whatsapp.deliver(Meta.location(away, 51.5007, -0.1246, null, null));
        assertThat(whatsapp.graph.awaitDelivered(away, 1).get(0).text()).contains("outside Dudley");
    }

    @Test
    void voiceNotesPhotosAndStickersGetAPoliteAnswer() throws Exception {
        String person = "447700900061";
        whatsapp.deliver(Meta.image(person));
        whatsapp.deliver(Meta.audio(person));
        whatsapp.deliver(Meta.sticker(person));
        List<Request> replies = whatsapp.graph.awaitDelivered(person, 3);
        assertThat(replies).allSatisfy(reply -> assertThat(reply.text()).contains("Please type your message").contains("999"));
    }

    @Test
    void aPermanentDeliveryFailureReportedLaterIsShownToNavigators() throws Exception {
        String person = "447700900071";
        whatsapp.deliver(Meta.text(person, "hello"));
        Request sent = whatsapp.graph.awaitDelivered(person, 1).get(0);
        String wamid = sent.wamid();
        Meta.deliver(server(), Meta.statuses(Meta.status(wamid, "sent", person, 0, ""), Meta.status(wamid, "delivered", person, 0, "")));
        assertThat(whatsapp.waiting()).noneMatch(e -> e.getString("conversation_id").equals("whatsapp:" + person));

        Meta.deliver(server(), Meta.statuses(Meta.status(wamid, "failed", person, 131026, "Message undeliverable")));
        // The same report again is recorded once.
        Meta.deliver(server(), Meta.statuses(Meta.status(wamid, "failed", person, 131026, "Message undeliverable")));
        List<JsonObject> surfaced = whatsapp.waiting().stream()
                .filter(e -> e.getString("conversation_id").equals("whatsapp:" + person)).toList();
        assertThat(surfaced).hasSize(1);
        assertThat(surfaced.get(0).getString("reason")).contains("could not be delivered").contains("131026");
        assertThat(surfaced.get(0).getString("priority")).isEqualTo("urgent");
    }

    @Test
    void statusesForMessagesSignpostNeverSentAreAcknowledged() throws Exception {
        HttpResponse<String> response = Meta.post(server(), Meta.statuses(Meta.status("wamid.unknown", "read", "447700900081", 0, "")));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void withoutSettingsTheChannelIsOffAndSaysHowToTurnItOn() throws Exception {
        try (RunningServer off = RunningServer.start()) {
            HttpResponse<String> post = Meta.post(off, Meta.notification(Meta.text("447700900091", "hi")));
            assertThat(post.statusCode()).isEqualTo(404);
            assertThat(new JsonObject(post.body()).getString("detail")).contains("WHATSAPP_APP_SECRET");
            assertThat(off.get("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1&hub.verify_token=x").statusCode()).isEqualTo(404);
        }
    }
}
