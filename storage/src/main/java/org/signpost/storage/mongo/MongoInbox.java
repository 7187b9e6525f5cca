package org.signpost.storage.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.signpost.core.delivery.InboundMessage;
import org.signpost.core.delivery.Inbox;
import org.signpost.core.message.Channel;
import org.signpost.storage.CallerContext;

/**
 * The {@link Inbox} in two collections, every message found by {@code _id} alone (the embedded
 * store uses no other index, and scans a whole collection for any other filter):
 * <ul>
 *   <li>{@code inbox}: one document per message ever taken in, its {@code _id} the channel and the
 *       channel's message id: inserting it is what recognises a re-delivery, on every instance at
 *       once, and the one write a webhook waits for. It carries the message until it is handled;
 *   <li>{@code inbox_people}: one document per person with their messages not yet handled, in
 *       the order they were sent, and when they last wrote.
 * </ul>
 * A webhook's messages are kept and made pending by one batch of writes, shared with the
 * webhooks that arrive meanwhile; a message kept whose pending entry was lost (a MongoDB server
 * has no transaction across the two) is made pending again by its re-delivery or at the next
 * start.
 */
public final class MongoInbox implements Inbox {

    /**
     * Threads of their own for taking messages in: the webhook is acknowledged only after that
     * write. Each takes every webhook's messages waiting at the time, so more threads would only
     * make smaller batches.
     */
    static final int INTAKE_THREADS = 2;

    private final Mongo mongo;
    private final Mongo intake;
    private final MongoCollection<Document> seen;
    private final MongoCollection<Document> people;
    /** Deliveries waiting to be kept, taken in together: one insert and one commit for all that wait. */
    private final Queue<Delivery> waiting = new ConcurrentLinkedQueue<>();

    /**
     * One webhook's messages, who waits to hear which of them were new, and where to tell them
     * (the batch runs on the inbox's own threads).
     */
    private record Delivery(List<InboundMessage> messages, Promise<List<InboundMessage>> fresh, CallerContext caller) {

        void succeed(List<InboundMessage> kept) {
            caller.tell(() -> fresh.tryComplete(kept));
        }

        void fail(Throwable failure) {
            caller.tell(() -> fresh.tryFail(failure));
        }
    }

    public MongoInbox(Mongo mongo) {
        this.mongo = mongo;
        this.intake = mongo.onOwnWorkers("signpost-inbox", INTAKE_THREADS);
        this.seen = mongo.database().getCollection("inbox");
        this.people = mongo.database().getCollection("inbox_people");
    }

    @Override
    public Future<List<InboundMessage>> accept(List<InboundMessage> messages) {
        if (messages.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        Delivery delivery = new Delivery(List.copyOf(messages), Promise.promise(), CallerContext.current());
        waiting.add(delivery);
        // A batch that finds the queue empty (an earlier one took this delivery) does nothing.
        intake.call(this::keepWaiting).onFailure(failure -> {
            // Not run at all (the pool is closing): the delivery must not be kept later unheard.
            if (waiting.remove(delivery)) {
                delivery.fail(failure);
            }
        });
        return delivery.fresh().future();
    }

    /**
     * Keeps every delivery waiting now, with one unordered insert, one update of the people's
     * pending messages and one commit, and tells each which of its messages were new: an id
     * already taken in (a re-delivery, or the same message twice in the batch) is refused by the
     * unique {@code _id}. A refused message that is kept but not yet handled is made pending
     * again: its first delivery may have failed between the insert and the pending update, and
     * Meta's re-delivery is then what puts it right.
     */
    private Void keepWaiting() {
        List<Delivery> batch = new ArrayList<>();
        for (Delivery delivery = waiting.poll(); delivery != null; delivery = waiting.poll()) {
            batch.add(delivery);
        }
        if (batch.isEmpty()) {
            return null;
        }
        try {
            List<Document> documents = new ArrayList<>();
            batch.forEach(delivery -> {
                for (int i = 0; i < delivery.messages().size(); i++) {
                    documents.add(encode(delivery.messages().get(i), i));
                }
            });
            Set<Integer> refused = new HashSet<>();
            try {
                seen.insertMany(documents, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                if (e.getWriteConcernError() != null) {
                    throw e;
                }
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    refused.add(error.getIndex());
                }
            }
            List<List<InboundMessage>> freshOfEach = new ArrayList<>();
            List<WriteModel<Document>> pending = new ArrayList<>();
            int position = 0;
            for (Delivery delivery : batch) {
                List<InboundMessage> fresh = new ArrayList<>();
                for (InboundMessage message : delivery.messages()) {
                    if (!refused.contains(position)) {
                        fresh.add(message);
                        pending.add(pend(documents.get(position)));
                    } else {
                        Document stored = seen.find(id(documents.get(position).getString("_id"))).first();
                        if (stored != null && unhandled(stored)) {
                            pending.add(pend(stored));
                        }
                    }
                    position++;
                }
                freshOfEach.add(fresh);
            }
            if (!pending.isEmpty()) {
                people.bulkWrite(pending, new BulkWriteOptions().ordered(false));
            }
            mongo.commit();
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).succeed(freshOfEach.get(i));
            }
        } catch (Throwable failure) {
            batch.forEach(delivery -> delivery.fail(failure));
        }
        return null;
    }

    /** Kept and not yet handled: it still carries the message. */
    private static boolean unhandled(Document stored) {
        return !stored.getBoolean("handled", false) && stored.containsKey("body");
    }

    /**
     * Adds a kept message to its person's pending ones; adding it again changes nothing (the
     * entry is the same, and {@code $addToSet}).
     */
    private static UpdateOneModel<Document> pend(Document stored) {
        Document entry = new Document("id", stored.getString("message_id"))
                .append("sent_at", stored.getDate("sent_at"))
                .append("arrival", stored.getLong("arrival"));
        return new UpdateOneModel<>(id(key(Channel.fromId(stored.getString("channel")), stored.getString("sender"))),
                Updates.combine(Updates.addToSet("pending", entry), Updates.max("last_sent", stored.getDate("sent_at")),
                        Updates.setOnInsert("channel", stored.getString("channel")),
                        Updates.setOnInsert("sender", stored.getString("sender"))),
                new UpdateOptions().upsert(true));
    }

    @Override
    public Future<List<InboundMessage>> pending(Channel channel, String sender) {
        return mongo.call(() -> {
            Document person = people.find(id(key(channel, sender))).first();
            if (person == null) {
                return List.<InboundMessage>of();
            }
            List<InboundMessage> found = new ArrayList<>();
            List<Document> entries = person.getList("pending", Document.class, List.of()).stream()
                    .sorted(Comparator.comparing((Document pending) -> pending.getDate("sent_at"))
                            .thenComparingLong(pending -> pending.getLong("arrival")))
                    .toList();
            for (Document entry : entries) {
                Document stored = seen.find(id(key(channel, entry.getString("id")))).first();
                if (stored != null && unhandled(stored)) {
                    found.add(decode(stored));
                } else {
                    // Handled, or forgotten, while the start-up repair put it back: not pending.
                    people.updateOne(id(key(channel, sender)), Updates.pull("pending", new Document("id", entry.getString("id"))));
                }
            }
            return found;
        });
    }

    @Override
    public Future<List<String>> sendersWithPending(Channel channel) {
        // Scans, but only at start-up.
        return mongo.write(() -> {
            List<WriteModel<Document>> pending = new ArrayList<>();
            seen.find(Filters.and(Filters.eq("channel", channel.id()), Filters.eq("handled", false)))
                    .forEach(stored -> {
                        if (unhandled(stored)) {
                            pending.add(pend(stored));
                        }
                    });
            if (!pending.isEmpty()) {
                people.bulkWrite(pending, new BulkWriteOptions().ordered(false));
            }
            List<String> senders = new ArrayList<>();
            people.find(Filters.eq("channel", channel.id())).forEach(person -> {
                if (!person.getList("pending", Document.class, List.of()).isEmpty()) {
                    senders.add(person.getString("sender"));
                }
            });
            return senders;
        });
    }

    @Override
    public Future<Void> handled(InboundMessage message) {
        // Recognised if lost: the message comes round again, and its turn finds it in the transcript.
        return mongo.writeEventually(() -> {
            people.updateOne(id(key(message.channel(), message.sender())),
                    Updates.pull("pending", new Document("id", message.id())));
            // The id stays, so that a re-delivery is still recognised; the body, which may hold health data, goes.
            seen.updateOne(id(key(message.channel(), message.id())),
                    Updates.combine(Updates.set("handled", true), Updates.unset("body")));
            return null;
        });
    }

    @Override
    public Future<Optional<Instant>> lastSent(Channel channel, String sender) {
        return mongo.call(() -> Optional.ofNullable(people.find(id(key(channel, sender))).first())
                .map(person -> person.getDate("last_sent").toInstant()));
    }

    @Override
    public Future<Integer> forgetHandledBefore(Instant cutoff) {
        Date before = Date.from(cutoff);
        // Scans, but once a day.
        return mongo.write(() -> {
            people.deleteMany(Filters.and(Filters.size("pending", 0), Filters.lt("last_sent", before)));
            return (int) seen.deleteMany(Filters.and(Filters.eq("handled", true), Filters.lt("received_at", before))).getDeletedCount();
        });
    }

    private static Bson id(String id) {
        return Filters.eq("_id", id);
    }

    /** Document ids: message ids and numbers are unique per channel only. */
    private static String key(Channel channel, String id) {
        return channel.id() + ":" + id;
    }

    /** @param position the message's place in its delivery: ties in sending time keep the order of arrival */
    private static Document encode(InboundMessage message, int position) {
        return new Document("_id", key(message.channel(), message.id()))
                .append("message_id", message.id())
                .append("channel", message.channel().id())
                .append("sender", message.sender())
                .append("sent_at", Date.from(message.sentAt()))
                .append("received_at", Date.from(message.receivedAt()))
                .append("arrival", message.receivedAt().toEpochMilli() * 1_000 + Math.min(position, 999))
                .append("handled", false)
                .append("body", message.body());
    }

    private static InboundMessage decode(Document stored) {
        return new InboundMessage(stored.getString("message_id"), Channel.fromId(stored.getString("channel")), stored.getString("sender"),
                stored.getDate("sent_at").toInstant(), stored.getDate("received_at").toInstant(), stored.get("body", ""));
    }
}
