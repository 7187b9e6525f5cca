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
 * The {@link Inbox} in two collections, read by {@code _id} only (the embedded store ignores
 * secondary indexes, and a scan per message would not keep up):
 * <ul>
 *   <li>{@code inbox}: one small document per message ever taken in, its {@code _id} the channel
 *       and the channel's message id, so a re-delivery is recognised on every instance at once;
 *   <li>{@code inbox_people}: one document per person with their messages not yet handled (and
 *       only those carry a body, which may hold health data) and when they last wrote.
 * </ul>
 * Every operation finds documents by {@code _id} alone: the embedded store uses no other index.
 * Inserting a message's document is what recognises a re-delivery (the unique {@code _id}); it is
 * marked queued once it is among its person's pending messages, so a crash in between is repaired
 * by the re-delivery that follows (Meta got no acknowledgement), never a message lost.
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
                Bson seenId = Filters.eq("_id", key(message.channel(), message.id()));
                try {
                    seen.insertOne(new Document("_id", key(message.channel(), message.id()))
                            .append("received_at", Date.from(message.receivedAt())).append("handled", false).append("queued", false));
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    // Seen before. Queued too, unless a crash came in between: then queue it now.
                    Document before = seen.find(seenId).first();
                    if (before == null || before.getBoolean("queued", true) || before.getBoolean("handled", false)
                            || isPending(message)) {
                        continue;
                    }
                }
                queue(message, i);
                seen.updateOne(seenId, Updates.set("queued", true));
                fresh.add(message);
            }
            return fresh;
        });
    }

    private boolean isPending(InboundMessage message) {
        Document person = people.find(Filters.eq("_id", key(message.channel(), message.sender()))).first();
        return person != null && person.getList("pending", Document.class, List.of()).stream()
                .anyMatch(pending -> message.id().equals(pending.getString("id")));
    }

    /** Adds the message to its person's pending ones. */
    private void queue(InboundMessage message, int position) {
        Document pending = new Document("id", message.id())
                .append("sent_at", Date.from(message.sentAt()))
                .append("received_at", Date.from(message.receivedAt()))
                // Ties in sending time keep the order of arrival.
                .append("arrival", message.receivedAt().toEpochMilli() * 1_000 + Math.min(position, 999))
                .append("body", message.body());
        people.updateOne(Filters.eq("_id", key(message.channel(), message.sender())),
                Updates.combine(Updates.push("pending", pending), Updates.max("last_sent", Date.from(message.sentAt())),
                        Updates.setOnInsert("channel", message.channel().id()), Updates.setOnInsert("sender", message.sender())),
                new UpdateOptions().upsert(true));
    }

    @Override
    public Future<List<InboundMessage>> pending(Channel channel, String sender) {
        return mongo.call(() -> Optional.ofNullable(people.find(Filters.eq("_id", key(channel, sender))).first())
                .map(person -> decode(channel, person)).orElse(List.of()));
    }

    @Override
    public Future<List<String>> sendersWithPending(Channel channel) {
        // A scan, but only at start-up.
        return mongo.call(() -> {
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
        return mongo.write(() -> {
            people.updateOne(Filters.eq("_id", key(message.channel(), message.sender())),
                    Updates.pull("pending", new Document("id", message.id())));
            seen.updateOne(Filters.eq("_id", key(message.channel(), message.id())),
                    Updates.combine(Updates.set("handled", true), Updates.set("queued", true)));
            return null;
        });
    }

    @Override
    public Future<Optional<Instant>> lastSent(Channel channel, String sender) {
        return mongo.call(() -> Optional.ofNullable(people.find(Filters.eq("_id", key(channel, sender))).first())
                .map(person -> person.getDate("last_sent").toInstant()));
    }

    @Override
    public Future<Integer> forgetHandledBefore(Instant cutoff) {
        Date before = Date.from(cutoff);
        return mongo.write(() -> {
            people.deleteMany(Filters.and(Filters.size("pending", 0), Filters.lt("last_sent", before)));
            return (int) seen.deleteMany(Filters.and(Filters.eq("handled", true), Filters.lt("received_at", before))).getDeletedCount();
        });
    }

    /** Document ids: message ids and numbers are unique per channel only. */
    private static String key(Channel channel, String id) {
        return channel.id() + ":" + id;
    }

    private static List<InboundMessage> decode(Channel channel, Document person) {
        String sender = person.getString("sender");
        return person.getList("pending", Document.class, List.of()).stream()
                .sorted(Comparator.comparing((Document pending) -> pending.getDate("sent_at"))
                        .thenComparingLong(pending -> pending.getLong("arrival")))
                .map(pending -> new InboundMessage(pending.getString("id"), channel, sender, pending.getDate("sent_at").toInstant(),
                        pending.getDate("received_at").toInstant(), pending.getString("body")))
                .toList();
    }
}
