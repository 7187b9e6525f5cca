package org.signpost.storage.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.signpost.core.delivery.InboundMessage;
import org.signpost.core.delivery.Inbox;
import org.signpost.core.message.Channel;

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
 * A message accepted but not yet queued when the process died is queued at the next start.
 */
public final class MongoInbox implements Inbox {

    /** Threads of its own for taking messages in: the webhook is acknowledged only after that write. */
    static final int INTAKE_THREADS = 4;

    private final Mongo mongo;
    private final Mongo intake;
    private final MongoCollection<Document> seen;
    private final MongoCollection<Document> people;

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
        return intake.write(() -> {
            List<InboundMessage> fresh = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                InboundMessage message = messages.get(i);
                try {
                    seen.insertOne(encode(message, i));
                    fresh.add(message);
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                }
            }
            return fresh;
        });
    }

    @Override
    public Future<Void> queue(List<InboundMessage> accepted) {
        if (accepted.isEmpty()) {
            return Future.succeededFuture();
        }
        // Repaired at start if lost: the message stays marked as not yet queued.
        return mongo.writeEventually(() -> {
            for (InboundMessage message : accepted) {
                Document stored = seen.find(id(key(message.channel(), message.id()))).first();
                if (stored != null) {
                    queue(stored);
                }
            }
            return null;
        });
    }

    /** Adds a kept message to its person's pending ones, once. */
    private void queue(Document stored) {
        if (stored.getBoolean("queued", false)) {
            return;
        }
        Document pending = new Document("id", stored.getString("message_id"))
                .append("sent_at", stored.getDate("sent_at"))
                .append("arrival", stored.getLong("arrival"));
        people.updateOne(id(key(Channel.fromId(stored.getString("channel")), stored.getString("sender"))),
                Updates.combine(Updates.addToSet("pending", pending), Updates.max("last_sent", stored.getDate("sent_at")),
                        Updates.setOnInsert("channel", stored.getString("channel")),
                        Updates.setOnInsert("sender", stored.getString("sender"))),
                new UpdateOptions().upsert(true));
        seen.updateOne(id(stored.getString("_id")), Updates.set("queued", true));
    }

    @Override
    public Future<List<InboundMessage>> pending(Channel channel, String sender) {
        return mongo.call(() -> {
            Document person = people.find(id(key(channel, sender))).first();
            if (person == null) {
                return List.<InboundMessage>of();
            }
            List<InboundMessage> found = new ArrayList<>();
            person.getList("pending", Document.class, List.of()).stream()
                    .sorted(Comparator.comparing((Document pending) -> pending.getDate("sent_at"))
                            .thenComparingLong(pending -> pending.getLong("arrival")))
                    .forEach(pending -> Optional.ofNullable(seen.find(id(key(channel, pending.getString("id")))).first())
                            .ifPresent(stored -> found.add(decode(stored))));
            return found;
        });
    }

    @Override
    public Future<List<String>> sendersWithPending(Channel channel) {
        // Scans, but only at start-up.
        return mongo.write(() -> {
            seen.find(Filters.and(Filters.eq("channel", channel.id()), Filters.eq("queued", false))).forEach(this::queue);
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
                    Updates.combine(Updates.set("handled", true), Updates.set("queued", true), Updates.unset("body")));
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
                .append("queued", false)
                .append("body", message.body());
    }

    private static InboundMessage decode(Document stored) {
        return new InboundMessage(stored.getString("message_id"), Channel.fromId(stored.getString("channel")), stored.getString("sender"),
                stored.getDate("sent_at").toInstant(), stored.getDate("received_at").toInstant(), stored.get("body", ""));
    }
}
