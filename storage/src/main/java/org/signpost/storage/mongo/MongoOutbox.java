package org.signpost.storage.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.signpost.core.delivery.OutboundMessage;
import org.signpost.core.delivery.Outbox;
import org.signpost.core.message.Channel;

/**
 * The {@link Outbox} in three collections. Every operation on a message finds its documents by
 * {@code _id} alone: the embedded store uses no other index, and scans a whole collection for a
 * filter on any other field (a scan per message would not keep up).
 * <ul>
 *   <li>{@code outbox}: one document per message, its {@code _id} the message's id;
 *   <li>{@code outbox_people}: one document per person, holding the ids of their messages not yet
 *       sent, in the order they go out ({@code $addToSet} keeps each once), and how many are held;
 *   <li>{@code outbox_sent}: the channel's id of each sent message, to find it by a delivery report.
 * </ul>
 * Guards that must be atomic are too: a new id is one that {@code $addToSet} added, a new report
 * one whose status {@code $addToSet} added.
 */
public final class MongoOutbox implements Outbox {

    private static final Date NEVER = new Date(0);

    private final Mongo mongo;
    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> people;
    private final MongoCollection<Document> sent;

    public MongoOutbox(Mongo mongo) {
        this.mongo = mongo;
        this.messages = mongo.database().getCollection("outbox");
        this.people = mongo.database().getCollection("outbox_people");
        this.sent = mongo.database().getCollection("outbox_sent");
    }

    @Override
    public Future<Integer> enqueue(List<OutboundMessage> queued) {
        if (queued.isEmpty()) {
            return Future.succeededFuture(0);
        }
        return mongo.write(() -> {
            int added = 0;
            for (OutboundMessage message : queued) {
                // Only sets on insert: the same id again changes nothing, and answers what was there.
                Document before = messages.findOneAndUpdate(id(message.id()), Updates.combine(
                                Updates.setOnInsert("channel", message.channel().id()),
                                Updates.setOnInsert("recipient", message.recipient()),
                                Updates.setOnInsert("conversation_id", message.conversationId()),
                                Updates.setOnInsert("body", message.body()),
                                Updates.setOnInsert("created_at", Date.from(message.createdAt())),
                                Updates.setOnInsert("state", state(State.PENDING)),
                                Updates.setOnInsert("attempts", 0),
                                Updates.setOnInsert("not_before", NEVER)),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
                added += before == null ? 1 : 0;
                // Queued even when it was there already, unless it went out: a crash may have come between the two.
                if (before == null || !finished(before)) {
                    people.updateOne(id(key(message.channel(), message.recipient())), Updates.combine(
                            Updates.addToSet("queue", message.id()), Updates.setOnInsert("channel", message.channel().id()),
                            Updates.setOnInsert("recipient", message.recipient()), Updates.setOnInsert("held", 0)),
                            new UpdateOptions().upsert(true));
                }
            }
            return added;
        });
    }

    @Override
    public Future<List<String>> recipientsWaiting(Channel channel, int limit) {
        // A scan, for recovery only: now and then, not per message.
        return mongo.call(() -> {
            List<String> recipients = new ArrayList<>();
            for (Document person : people.find(Filters.eq("channel", channel.id()))) {
                if (!person.getList("queue", String.class, List.of()).isEmpty() && recipients.size() < limit) {
                    recipients.add(person.getString("recipient"));
                }
            }
            return recipients;
        });
    }

    @Override
    public Future<Optional<OutboundMessage>> next(Channel channel, String recipient, Instant now) {
        Date at = Date.from(now);
        // Its only writes tidy the queue of what went out already: nothing to wait for.
        return mongo.writeEventually(() -> {
            Document person = people.find(id(key(channel, recipient))).first();
            if (person == null) {
                return Optional.<OutboundMessage>empty();
            }
            for (String queuedId : person.getList("queue", String.class, List.of())) {
                Document head = messages.find(id(queuedId)).first();
                if (head == null || finished(head)) {
                    people.updateOne(id(person.getString("_id")), Updates.pull("queue", queuedId));
                    continue;
                }
                if (head.getString("state").equals(state(State.HELD))) {
                    // Kept back until the person writes; what may go meanwhile (a template) goes.
                    continue;
                }
                return head.getDate("not_before").after(at) ? Optional.<OutboundMessage>empty() : Optional.of(decode(head));
            }
            return Optional.<OutboundMessage>empty();
        });
    }

    @Override
    public Future<Void> sent(String id, String channelMessageId, Instant at) {
        return mongo.write(() -> {
            if (finish(id, Updates.combine(Updates.set("state", state(State.SENT)),
                    Updates.set("channel_message_id", channelMessageId), Updates.set("sent_at", Date.from(at))))) {
                try {
                    sent.insertOne(new Document("_id", channelMessageId).append("message_id", id).append("at", Date.from(at)));
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    @Override
    public Future<Void> retryAt(String id, Instant notBefore, String reason) {
        return update(id, Updates.combine(Updates.inc("attempts", 1), Updates.set("not_before", Date.from(notBefore)),
                Updates.set("error", reason)));
    }

    @Override
    public Future<Void> hold(String id, String reason) {
        return mongo.write(() -> {
            Document before = messages.findOneAndUpdate(id(id), Updates.combine(Updates.set("state", state(State.HELD)),
                    Updates.set("error", reason)));
            if (before != null && !before.getString("state").equals(state(State.HELD))) {
                // Back in the queue if it had left it (sent, then reported failed), to go when the person writes.
                people.updateOne(id(personOf(before)), Updates.combine(Updates.addToSet("queue", id), Updates.inc("held", 1),
                        Updates.setOnInsert("channel", before.getString("channel")),
                        Updates.setOnInsert("recipient", before.getString("recipient"))), new UpdateOptions().upsert(true));
            }
            return null;
        });
    }

    @Override
    public Future<Void> release(Channel channel, String recipient) {
        String key = key(channel, recipient);
        // Called for every message a person sends: a read, and a durable write only when something is held.
        return mongo.call(() -> Optional.ofNullable(people.find(id(key)).first())).compose(person -> {
            if (person.isEmpty() || person.get().getInteger("held", 0) == 0) {
                return Future.succeededFuture();
            }
            return mongo.write(() -> {
                for (String queuedId : person.get().getList("queue", String.class, List.of())) {
                    Document message = messages.find(id(queuedId)).first();
                    if (message != null && message.getString("state").equals(state(State.HELD))) {
                        messages.updateOne(id(queuedId), Updates.combine(Updates.set("state", state(State.PENDING)),
                                Updates.set("not_before", NEVER)));
                    }
                }
                people.updateOne(id(key), Updates.set("held", 0));
                return null;
            });
        });
    }

    @Override
    public Future<Void> failed(String id, String reason, Instant at) {
        return mongo.write(() -> {
            finish(id, Updates.combine(Updates.set("state", state(State.FAILED)), Updates.set("error", reason),
                    Updates.set("failed_at", Date.from(at))));
            return null;
        });
    }

    @Override
    public Future<Optional<OutboundMessage>> report(String channelMessageId, String status, Instant at, String error) {
        return mongo.write(() -> {
            Document sentAs = sent.find(id(channelMessageId)).first();
            if (sentAs == null) {
                return Optional.<OutboundMessage>empty();
            }
            String messageId = sentAs.getString("message_id");
            if (messages.updateOne(id(messageId), Updates.addToSet("reported", status)).getModifiedCount() == 0) {
                return Optional.<OutboundMessage>empty();
            }
            return Optional.ofNullable(messages.findOneAndUpdate(id(messageId),
                            Updates.push("reports", new Document("status", status).append("at", Date.from(at)).append("error", error))))
                    .map(MongoOutbox::decode);
        });
    }

    @Override
    public Future<Optional<State>> state(String id) {
        return mongo.call(() -> Optional.ofNullable(messages.find(id(id)).first())
                .map(doc -> State.valueOf(doc.getString("state").toUpperCase(Locale.ROOT))));
    }

    @Override
    public Future<Integer> forgetFinishedBefore(Instant cutoff) {
        Date before = Date.from(cutoff);
        // Scans, but once a day.
        return mongo.write(() -> {
            sent.deleteMany(Filters.lt("at", before));
            people.deleteMany(Filters.and(Filters.size("queue", 0), Filters.eq("held", 0)));
            return (int) messages.deleteMany(Filters.and(Filters.in("state", state(State.SENT), state(State.FAILED)),
                    Filters.lt("created_at", before))).getDeletedCount();
        });
    }

    /** A message that went out, or never will, leaves its person's queue; answers whether it was there. */
    private boolean finish(String id, Bson update) {
        Document message = messages.findOneAndUpdate(id(id), update);
        if (message == null) {
            return false;
        }
        people.updateOne(id(personOf(message)), Updates.pull("queue", id));
        return true;
    }

    private Future<Void> update(String id, Bson update) {
        return mongo.write(() -> {
            messages.updateOne(id(id), update);
            return null;
        });
    }

    private static Bson id(String id) {
        return Filters.eq("_id", id);
    }

    private static boolean finished(Document message) {
        String state = message.getString("state");
        return state.equals(state(State.SENT)) || state.equals(state(State.FAILED));
    }

    private static String personOf(Document message) {
        return message.getString("channel") + ":" + message.getString("recipient");
    }

    private static String key(Channel channel, String recipient) {
        return channel.id() + ":" + recipient;
    }

    private static String state(State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static OutboundMessage decode(Document doc) {
        return new OutboundMessage(doc.getString("_id"), Channel.fromId(doc.getString("channel")), doc.getString("recipient"),
                doc.getString("conversation_id"), doc.getString("body"), doc.getDate("created_at").toInstant(),
                doc.getInteger("attempts", 0));
    }
}
