package org.signpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.signpost.core.delivery.InboundMessage;
import org.signpost.core.delivery.OutboundMessage;
import org.signpost.core.delivery.Outbox;
import org.signpost.core.message.Channel;
import org.signpost.storage.mongo.Mongo;
import org.signpost.storage.mongo.MongoInbox;
import org.signpost.storage.mongo.MongoOutbox;

/**
 * The inbox and outbox of channels that deliver at least once (WhatsApp), on MongoDB through the
 * official driver: a real MongoDB when {@code MONGODB_URI} is set, otherwise the in-process
 * mongo-java-server. Each test uses its own people, so tests share one database.
 */
class DeliveryStoresIT {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static Vertx vertx;
    private static Mongo mongo;
    private static MongoInbox inbox;
    private static MongoOutbox outbox;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        mongo = TestMongo.connect(vertx);
        inbox = new MongoInbox(mongo);
        outbox = new MongoOutbox(mongo);
    }

    @AfterAll
    static void drop() throws Exception {
        TestMongo.dropAndClose(mongo, vertx);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return TestMongo.await(future);
    }

    private static List<InboundMessage> take(InboundMessage... messages) throws Exception {
        return await(inbox.accept(List.of(messages)));
    }

    private static InboundMessage in(String id, String sender, Instant sent) {
        return new InboundMessage(id, Channel.WHATSAPP, sender, sent, T, "{\"text\":\"" + id + "\"}");
    }

    private static OutboundMessage out(String id, String recipient, Instant created) {
        return OutboundMessage.fresh(id, Channel.WHATSAPP, recipient, "whatsapp:" + recipient, "{\"id\":\"" + id + "\"}", created);
    }

    @Test
    void theInboxKeepsEachMessageOnceAndHandsThemOutInTheOrderTheyWereSent() throws Exception {
        List<InboundMessage> fresh = take(in("m2", "p1", T.plusSeconds(2)), in("m1", "p1", T), in("m2", "p1", T.plusSeconds(2)),
                in("m3", "p1", T));
        assertThat(fresh).extracting(InboundMessage::id).containsExactly("m2", "m1", "m3");
        // Delivered again, on any instance and after any restart: dropped.
        assertThat(take(in("m1", "p1", T), in("m4", "p1", T.plusSeconds(3)))).extracting(InboundMessage::id).containsExactly("m4");
        // Sent at the same second: in the order they arrived.
        assertThat(await(inbox.pending(Channel.WHATSAPP, "p1"))).extracting(InboundMessage::id).containsExactly("m1", "m3", "m2", "m4");
        assertThat(await(inbox.sendersWithPending(Channel.WHATSAPP))).contains("p1");
        assertThat(await(inbox.lastSent(Channel.WHATSAPP, "p1"))).contains(T.plusSeconds(3));
        assertThat(await(inbox.lastSent(Channel.WHATSAPP, "nobody"))).isEmpty();

        for (InboundMessage message : await(inbox.pending(Channel.WHATSAPP, "p1"))) {
            await(inbox.handled(message));
        }
        assertThat(await(inbox.pending(Channel.WHATSAPP, "p1"))).isEmpty();
        assertThat(await(inbox.sendersWithPending(Channel.WHATSAPP))).doesNotContain("p1");
        // Handled messages are still remembered: a re-delivery days later is dropped.
        assertThat(await(inbox.accept(List.of(in("m1", "p1", T))))).isEmpty();
        assertThat(await(inbox.lastSent(Channel.WHATSAPP, "p1"))).contains(T.plusSeconds(3));
    }

    @Test
    void deliveriesArrivingTogetherAreKeptTogetherAndEachMessageIsNewOnlyOnce() throws Exception {
        // 60 webhooks at once, each message delivered three times over (Meta re-delivering while
        // the first delivery is still being written): they share batches, and every id is new
        // to exactly one of them.
        List<Future<List<InboundMessage>>> deliveries = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int n = i % 20;
            deliveries.add(inbox.accept(List.of(in("c" + n, "p5", T), in("c" + (n + 100), "p5", T))));
        }
        List<String> fresh = new ArrayList<>();
        for (Future<List<InboundMessage>> delivery : deliveries) {
            await(delivery).forEach(message -> fresh.add(message.id()));
        }
        assertThat(fresh).hasSize(40).doesNotHaveDuplicates();
        assertThat(await(inbox.pending(Channel.WHATSAPP, "p5"))).hasSize(40);
        assertThat(await(inbox.accept(List.of(in("c7", "p5", T), in("c200", "p5", T))))).extracting(InboundMessage::id)
                .containsExactly("c200");
    }

    @Test
    void theInboxForgetsOnlyOldHandledMessages() throws Exception {
        take(in("f1", "p2", T), in("f2", "p2", T));
        await(inbox.handled(in("f1", "p2", T)));
        assertThat(await(inbox.forgetHandledBefore(T.plusSeconds(1)))).isGreaterThanOrEqualTo(1);
        assertThat(await(inbox.pending(Channel.WHATSAPP, "p2"))).extracting(InboundMessage::id).containsExactly("f2");
        // Forgotten: it would be taken in again (Meta stops re-delivering long before).
        assertThat(take(in("f1", "p2", T))).hasSize(1);
    }

    @Test
    void theOutboxHandsOutAPersonsMessagesInOrderAndWaitsOutARetry() throws Exception {
        assertThat(await(outbox.enqueue(List.of(out("o1#000", "q1", T), out("o1#001", "q1", T))))).isEqualTo(2);
        // The same cause handled again (after a crash) enqueues nothing twice.
        assertThat(await(outbox.enqueue(List.of(out("o1#000", "q1", T), out("o2#000", "q1", T.plusSeconds(1)))))).isEqualTo(1);
        assertThat(await(outbox.recipientsWaiting(Channel.WHATSAPP, 1_000))).contains("q1");

        assertThat(await(outbox.next(Channel.WHATSAPP, "q1", T.plusSeconds(5)))).map(OutboundMessage::id).contains("o1#000");
        await(outbox.retryAt("o1#000", T.plusSeconds(30), "130429 Rate limit hit"));
        // Waiting for its retry, it still stands first: nothing overtakes it.
        assertThat(await(outbox.next(Channel.WHATSAPP, "q1", T.plusSeconds(10)))).isEmpty();
        OutboundMessage retried = await(outbox.next(Channel.WHATSAPP, "q1", T.plusSeconds(30))).orElseThrow();
        assertThat(retried.id()).isEqualTo("o1#000");
        assertThat(retried.attempts()).isEqualTo(1);

        await(outbox.sent("o1#000", "wamid.A", T.plusSeconds(31)));
        assertThat(await(outbox.state("o1#000"))).contains(Outbox.State.SENT);
        // Enqueued again after it went out: not sent twice.
        assertThat(await(outbox.enqueue(List.of(out("o1#000", "q1", T))))).isZero();
        List<String> rest = new ArrayList<>();
        Optional<OutboundMessage> next;
        while ((next = await(outbox.next(Channel.WHATSAPP, "q1", T.plusSeconds(40)))).isPresent()) {
            rest.add(next.get().id());
            await(outbox.sent(next.get().id(), "wamid." + next.get().id(), T.plusSeconds(40)));
        }
        assertThat(rest).containsExactly("o1#001", "o2#000");
        assertThat(await(outbox.recipientsWaiting(Channel.WHATSAPP, 1_000))).doesNotContain("q1");
    }

    @Test
    void heldMessagesWaitForReleaseAndDoNotBlockATemplate() throws Exception {
        await(outbox.enqueue(List.of(out("h1#000", "q2", T), out("h1#001", "q2", T))));
        await(outbox.hold("h1#000", "the 24-hour window has closed"));
        await(outbox.hold("h1#001", "the 24-hour window has closed"));
        await(outbox.enqueue(List.of(out("reopen:q2:1", "q2", T.plusSeconds(1)))));
        assertThat(await(outbox.next(Channel.WHATSAPP, "q2", T.plusSeconds(2))))
                .map(OutboundMessage::id).contains("reopen:q2:1");
        await(outbox.sent("reopen:q2:1", "wamid.T", T.plusSeconds(2)));
        assertThat(await(outbox.next(Channel.WHATSAPP, "q2", T.plusSeconds(3)))).isEmpty();

        await(outbox.release(Channel.WHATSAPP, "q2"));
        assertThat(await(outbox.state("h1#000"))).contains(Outbox.State.PENDING);
        assertThat(await(outbox.next(Channel.WHATSAPP, "q2", T.plusSeconds(4))))
                .map(OutboundMessage::id).contains("h1#000");
    }

    @Test
    void aSentMessageReportedUndeliverableOutsideTheWindowIsHeldAndGoesAgainOnRelease() throws Exception {
        await(outbox.enqueue(List.of(out("w1#000", "q5", T))));

        await(outbox.sent("w1#000", "wamid.W1", T));
        assertThat(await(outbox.next(Channel.WHATSAPP, "q5", T.plusSeconds(1)))).isEmpty();

        await(outbox.hold("w1#000", "131047 Re-engagement message"));
        assertThat(await(outbox.next(Channel.WHATSAPP, "q5", T.plusSeconds(2)))).isEmpty();
        await(outbox.release(Channel.WHATSAPP, "q5"));
        assertThat(await(outbox.next(Channel.WHATSAPP, "q5", T.plusSeconds(3))))
                .map(OutboundMessage::id).contains("w1#000");
    }

    @Test
    void deliveryReportsAreRecordedOnceAndFailuresAreFinal() throws Exception {
        await(outbox.enqueue(List.of(out("r1#000", "q3", T))));
        await(outbox.sent("r1#000", "wamid.R1", T));
        assertThat(await(outbox.report("wamid.R1", "delivered", T.plusSeconds(1), ""))).map(OutboundMessage::id).contains("r1#000");
        assertThat(await(outbox.report("wamid.R1", "delivered", T.plusSeconds(1), ""))).isEmpty();
        assertThat(await(outbox.report("wamid.unknown", "read", T, ""))).isEmpty();
        assertThat(await(outbox.report("wamid.R1", "failed", T.plusSeconds(2), "131026 Message undeliverable"))).isPresent();
        await(outbox.failed("r1#000", "131026 Message undeliverable", T.plusSeconds(2)));
        assertThat(await(outbox.state("r1#000"))).contains(Outbox.State.FAILED);

        assertThat(await(outbox.forgetFinishedBefore(T.plusSeconds(60)))).isGreaterThanOrEqualTo(1);
        assertThat(await(outbox.state("r1#000"))).isEmpty();
    }

    @Test
    void aReDeliveryOfAHandledMessageIsNotQueuedAgain() throws Exception {
        take(in("c1", "p3", T));
        await(inbox.handled(in("c1", "p3", T)));
        assertThat(take(in("c1", "p3", T))).isEmpty();
        assertThat(await(inbox.pending(Channel.WHATSAPP, "p3"))).isEmpty();
    }

    @Test
    void aReDeliveryPutsBackAMessageKeptButNotYetPending() throws Exception {
        assertThat(take(in("r1", "p6", T))).hasSize(1);
        // The first delivery failed between its two writes (Meta then delivers again).
        await(mongo.call(() -> mongo.database().getCollection("inbox_people")
                .updateOne(Filters.eq("_id", "whatsapp:p6"), Updates.pull("pending", new Document("id", "r1")))));
        assertThat(await(inbox.pending(Channel.WHATSAPP, "p6"))).isEmpty();
        assertThat(take(in("r1", "p6", T))).isEmpty();
        assertThat(await(inbox.pending(Channel.WHATSAPP, "p6"))).extracting(InboundMessage::id).containsExactly("r1");
        await(inbox.handled(in("r1", "p6", T)));
        // Handled: a later re-delivery changes nothing.
        assertThat(take(in("r1", "p6", T))).isEmpty();
        assertThat(await(inbox.pending(Channel.WHATSAPP, "p6"))).isEmpty();
    }

    @Test
    void aHandledMessagePutBackByTheStartUpRepairIsNotHandedOutAgain() throws Exception {
        take(in("h1", "p7", T), in("h2", "p7", T.plusSeconds(1)));
        // The repair read h1 as unhandled just before another instance handled it, and wrote after.
        Document entry = await(mongo.call(() -> mongo.database().getCollection("inbox_people")
                .find(Filters.eq("_id", "whatsapp:p7")).first())).getList("pending", Document.class).get(0);
        await(inbox.handled(in("h1", "p7", T)));
        await(mongo.call(() -> mongo.database().getCollection("inbox_people")
                .updateOne(Filters.eq("_id", "whatsapp:p7"), Updates.addToSet("pending", entry))));
        assertThat(await(inbox.pending(Channel.WHATSAPP, "p7"))).extracting(InboundMessage::id).containsExactly("h2");
        // And the stale entry is gone.
        assertThat(await(mongo.call(() -> mongo.database().getCollection("inbox_people")
                .find(Filters.eq("_id", "whatsapp:p7")).first())).getList("pending", Document.class)).hasSize(1);
    }

    @Test
    void aMessageKeptWhosePendingEntryWasLostIsPendingAgainAtTheNextStart() throws Exception {
        assertThat(take(in("d1", "p4", T), in("d2", "p4", T.plusSeconds(1)))).hasSize(2);
        // A crash between the two writes of a batch, on a MongoDB server (no transaction).
        await(mongo.call(() -> mongo.database().getCollection("inbox_people")
                .updateOne(Filters.eq("_id", "whatsapp:p4"), Updates.pull("pending", new Document("id", "d1")))));
        assertThat(await(inbox.pending(Channel.WHATSAPP, "p4"))).extracting(InboundMessage::id).containsExactly("d2");
        assertThat(await(inbox.sendersWithPending(Channel.WHATSAPP))).contains("p4");
        assertThat(await(inbox.pending(Channel.WHATSAPP, "p4"))).extracting(InboundMessage::id).containsExactly("d1", "d2");
        // Putting back again changes nothing.
        assertThat(await(inbox.sendersWithPending(Channel.WHATSAPP))).contains("p4");
        assertThat(await(inbox.pending(Channel.WHATSAPP, "p4"))).hasSize(2);
    }
}
