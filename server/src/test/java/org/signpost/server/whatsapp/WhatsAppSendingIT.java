package org.signpost.server.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signpost.server.whatsapp.FakeGraphApi.Request;

/**
 * Sending as Meta expects: rate limits and outages are waited out and retried in order, a
 * message refused for good is shown to navigators without holding up the next, and after
 * WhatsApp's 24-hour window only a template goes out until the person writes again.
 */
class WhatsAppSendingIT extends AgainstWhatsApp {

    /** Every attempt at sending to {@code person}, accepted or not. */
    private static List<Request> attempts(String person) {
        return whatsapp.graph.requests().stream().filter(r -> person.equals(r.to())).toList();
    }

    @Test
    void aThroughputLimitIsWaitedOutAndTheMessageRetriedInOrder() throws Exception {
        String person = "447700900101";
        whatsapp.graph.failNext(person, 400, 130429, "Rate limit hit");
        whatsapp.deliver(Meta.text(person, "I need help with falls"));
        whatsapp.graph.awaitDelivered(person, 1);
        whatsapp.deliver(Meta.text(person, "we live in Sedgley"));
        List<Request> delivered = whatsapp.graph.awaitDelivered(person, 2);

        List<Request> tried = attempts(person);
        assertThat(tried.get(0).status()).isEqualTo(400);
        assertThat(tried.get(1).status()).isEqualTo(200);
        assertThat(tried.get(1).body()).isEqualTo(tried.get(0).body());
        // The locality question first, then the answer to the message after it: nothing overtook the retry.
        assertThat(delivered.get(0).text()).contains("Which part of Dudley");
        assertThat(delivered.get(1).text()).contains("North Dudley");
    }

    @Test
    void anOutageOfMetasSideIsRetried() throws Exception {
        String person = "447700900102";
        whatsapp.graph.failNext(person, 503, 131000, "Something went wrong").failNext(person, 500, 2, "Service temporarily unavailable");
        whatsapp.deliver(Meta.text(person, "I need help with falls"));
        whatsapp.graph.awaitDelivered(person, 1);
        assertThat(attempts(person)).extracting(Request::status).containsExactly(503, 500, 200);
    }

    @Test
    void tooManyMessagesToOnePersonWaitsAboutSixSeconds() throws Exception {
        String person = "447700900103";
        whatsapp.graph.failNext(person, 400, 131056, "(Business Account, Consumer Account) pair rate limit hit");
        long before = System.nanoTime();
        whatsapp.deliver(Meta.text(person, "I need help with falls"));
        whatsapp.graph.awaitDelivered(person, 1);
        assertThat((System.nanoTime() - before) / 1_000_000).isGreaterThanOrEqualTo(5_500);
        assertThat(attempts(person)).extracting(Request::status).containsExactly(400, 200);
    }

    @Test
    void aMessageRefusedForGoodIsShownToNavigatorsAndTheNextStillGoes() throws Exception {
        String person = "447700900104";
        whatsapp.graph.failNext(person, 400, 131026, "Message undeliverable");
        whatsapp.deliver(Meta.text(person, "I need help with falls"));
        long deadline = System.currentTimeMillis() + 10_000;
        List<JsonObject> surfaced = List.of();
        while (surfaced.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            surfaced = whatsapp.waiting().stream().filter(e -> e.getString("conversation_id").equals("whatsapp:" + person)).toList();
        }
        assertThat(surfaced).as("attempts: %s", attempts(person)).hasSize(1);
        assertThat(surfaced.get(0).getString("reason")).contains("131026");
        assertThat(surfaced.get(0).getString("channel")).isEqualTo("whatsapp");

        whatsapp.deliver(Meta.text(person, "we live in Sedgley"));
        assertThat(whatsapp.graph.awaitDelivered(person, 1).get(0).text()).contains("North Dudley");
        assertThat(attempts(person).get(0).status()).isEqualTo(400);
        assertThat(attempts(person).get(1).text()).contains("North Dudley");
    }

    @Test
    void afterTheTwentyFourHourWindowOnlyATemplateGoesUntilThePersonWritesAgain() throws Exception {
        String person = "447700900105";
        // A message sent 25 hours ago, delivered only now (Meta re-delivers for days).
        whatsapp.deliver(Meta.text(person, "I need help with falls", Instant.now().minusSeconds(25 * 3600)));
        Request template = whatsapp.graph.awaitDelivered(person, 1).get(0);
        assertThat(template.type()).isEqualTo("template");
        assertThat(template.body().getJsonObject("template")).isEqualTo(new JsonObject()
                .put("name", "signpost_reply_waiting").put("language", new JsonObject().put("code", "en_GB")));
        Thread.sleep(500);
        assertThat(whatsapp.graph.delivered(person)).hasSize(1);
        // Navigators learn that replies are waiting, once.
        assertThat(whatsapp.waiting()).filteredOn(e -> e.getString("conversation_id").equals("whatsapp:" + person))
                .singleElement().satisfies(e -> {
                    assertThat(e.getString("priority")).isEqualTo("routine");
                    assertThat(e.getString("reason")).contains("24 hours");
                });

        // They write again: the window is open, and what was kept back goes first, in order.
        whatsapp.deliver(Meta.text(person, "we live in Sedgley"));
        List<Request> after = whatsapp.graph.awaitDelivered(person, 3);
        assertThat(after.get(1).text()).contains("Which part of Dudley");
        assertThat(after.get(2).text()).contains("North Dudley");
    }

    @Test
    void aFailureReportSayingTheWindowClosedKeepsTheMessageForLater() throws Exception {
        String person = "447700900106";
        // The report comes before the sender has recorded the question's id: it must not be lost.
        whatsapp.graph.answerLate(person, 500);
        whatsapp.deliver(Meta.text(person, "I need help with falls"));
        Request question = whatsapp.graph.awaitDelivered(person, 1).get(0);
        Meta.deliver(whatsapp.server, Meta.statuses(Meta.status(question.wamid(), "failed", person, 131047, "Re-engagement message")));
        assertThat(whatsapp.graph.awaitDelivered(person, 2).get(1).type()).isEqualTo("template");
        assertThat(whatsapp.waiting()).filteredOn(e -> e.getString("conversation_id").equals("whatsapp:" + person))
                .singleElement().satisfies(e -> assertThat(e.getString("reason")).contains("131047"));

        whatsapp.deliver(Meta.text(person, "hello again"));
        List<Request> after = whatsapp.graph.awaitDelivered(person, r -> r.text().equals(question.text())
                && whatsapp.graph.delivered(person).indexOf(r) > 1, "the kept-back question again");
        assertThat(after.get(2).body()).isEqualTo(question.body());
    }
}
