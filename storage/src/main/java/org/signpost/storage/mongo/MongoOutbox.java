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
import org.signpost.core.delivery.OutboundMessage;
import org.signpost.core.delivery.Outbox;
import org.signpost.core.message.Channel;

/**
 * The {@link Outbox} in three collections, read by {@code _id} only (the embedded store ignores
 * secondary indexes, and a scan per message would not keep up):
 * <ul>
 *   <li>{@code outbox}: one document per message, its {@code _id} the message's id;
 *   <li>{@code outbox_people}: one document per person with messages waiting, holding their ids
 *       in the order they go out, and how many are held back; removed when nothing waits;
 *   <li>{@code outbox_sent}: the channel's id of each sent message, to find it by a delivery report.
 * </ul>
 * A claim is a conditional update of the first waiting message of a person's queue, so two
 * instances never send the same message and never skip ahead.
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
                Document before = messages.findOneAndUpdate(Filters.eq("_id", message.id()), Updates.combine(
                                Updates.setOnInsert("channel", message.channel().id()),
                                Updates.setOnInsert("recipient", message.recipient()),
                                Updates.setOnInsert("conversation_id", message.conversationId()),
                                Updates.setOnInsert("body", message.body()),
                                Updates.setOnInsert("created_at", Date.from(message.createdAt())),
                                Updates.setOnInsert("state", state(State.PENDING)),
                                Updates.setOnInsert("attempts", 0),
                                Updates.setOnInsert("not_before", NEVER),
                                Updates.setOnInsert("lease_until", NEVER)),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
                added += before == null ? 1 : 0;
                // Queued even when it was there already, unless it went out: a crash may have come between the two.
                if (before == null || !finished(before)) {
                    enqueueId(message.channel(), message.recipient(), message.id());
                }
            }
            return added;
        });
    }

    private void enqueueId(Channel channel, String recipient, String id) {
        try {
            people.updateOne(Filters.and(Filters.eq("_id", key(channel, recipient)), Filters.ne("queue", id)),
                    Updates.combine(Updates.push("queue", id), Updates.setOnInsert("channel", channel.id()),
                            Updates.setOnInsert("recipient", recipient), Updates.setOnInsert("held", 0)),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // Already queued: the filter missed and the upsert met the person's document.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    @Override
    public Future<List<String>> recipientsDue(Channel channel, Instant now, int limit) {
        // Only people with messages waiting have a document: the scan is as long as the backlog.
        return mongo.call(() -> {
            List<String> recipients = new ArrayList<>();
            for (Document person : people.find(Filters.eq("channel", channel.id())).limit(limit)) {
                recipients.add(person.getString("recipient"));
            }
            return recipients;
        });
    }

    @Override
    public Future<Optional<OutboundMessage>> claimNext(Channel channel, String recipient, Instant now, Instant leaseUntil) {
        Date at = Date.from(now);
        return mongo.write(() -> {
            String key = key(channel, recipient);
            Document person = people.find(Filters.eq("_id", key)).first();
            if (person == null) {
                return Optional.<OutboundMessage>empty();
            }
            for (String id : person.getList("queue", String.class, List.of())) {
                Document head = messages.find(Filters.eq("_id", id)).first();
                if (head == null || finished(head)) {
                    people.updateOne(Filters.eq("_id", key), Updates.pull("queue", id));
                    continue;
                }
                if (head.getString("state").equals(state(State.HELD))) {
                    // Kept back until the person writes; what may go meanwhile (a template) goes.
                    continue;
                }
                if (head.getDate("not_before").after(at) || head.getDate("lease_until").after(at)) {
                    return Optional.<OutboundMessage>empty();
                }
                // Conditional on the lease seen: of two instances claiming the same head, one wins.
                Document claimed = messages.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", id), Filters.eq("state", state(State.PENDING)),
                                Filters.eq("lease_until", head.getDate("lease_until"))),
                        Updates.set("lease_until", Date.from(leaseUntil)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                return Optional.ofNullable(claimed).map(MongoOutbox::decode);
            }
            forgetIfEmpty(key);
            return Optional.<OutboundMessage>empty();
        });
    }

    @Override
    public Future<Void> sent(String id, String channelMessageId, Instant at) {
        return mongo.write(() -> {
            Document message = messages.findOneAndUpdate(Filters.eq("_id", id), Updates.combine(
                    Updates.set("state", state(State.SENT)), Updates.set("channel_message_id", channelMessageId),
                    Updates.set("sent_at", Date.from(at)), Updates.set("lease_until", NEVER)));
            if (message != null) {
                dequeue(message);
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
        return mongo.write(() -> {
            messages.updateOne(Filters.eq("_id", id), Updates.combine(Updates.inc("attempts", 1),
                    Updates.set("not_before", Date.from(notBefore)), Updates.set("lease_until", NEVER), Updates.set("error", reason)));
            return null;
        });
    }

    @Override
    public Future<Void> hold(String id, String reason) {
        return mongo.write(() -> {
            Document before = messages.findOneAndUpdate(Filters.eq("_id", id), Updates.combine(Updates.set("state", state(State.HELD)),
                    Updates.set("lease_until", NEVER), Updates.set("error", reason)));
            if (before != null && !before.getString("state").equals(state(State.HELD))) {
                // Back in the queue if it had left it (sent, then reported failed), to go when the person writes.
                enqueueId(Channel.fromId(before.getString("channel")), before.getString("recipient"), id);
                people.updateOne(Filters.eq("_id", personOf(before)), Updates.inc("held", 1));
            }
            return null;
        });
    }

    @Override
    public Future<Void> release(Channel channel, String recipient) {
        return mongo.write(() -> {
            Document person = people.find(Filters.eq("_id", key(channel, recipient))).first();
            if (person == null || person.getInteger("held", 0) == 0) {
                return null;
            }
            for (String id : person.getList("queue", String.class, List.of())) {
                messages.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", state(State.HELD))),
                        Updates.combine(Updates.set("state", state(State.PENDING)), Updates.set("not_before", NEVER)));
            }
            people.updateOne(Filters.eq("_id", person.getString("_id")), Updates.set("held", 0));
            return null;
        });
    }

    @Override
    public Future<Void> failed(String id, String reason, Instant at) {
        return mongo.write(() -> {
            Document message = messages.findOneAndUpdate(Filters.eq("_id", id), Updates.combine(Updates.set("state", state(State.FAILED)),
                    Updates.set("error", reason), Updates.set("failed_at", Date.from(at)), Updates.set("lease_until", NEVER)));
            if (message != null) {
                dequeue(message);
            }
            return null;
        });
    }

    @Override
    public Future<Optional<OutboundMessage>> report(String channelMessageId, String status, Instant at, String error) {
        return mongo.write(() -> {
            Document sentAs = sent.find(Filters.eq("_id", channelMessageId)).first();
            if (sentAs == null) {
                return Optional.<OutboundMessage>empty();
            }
            return Optional.ofNullable(messages.findOneAndUpdate(
                            Filters.and(Filters.eq("_id", sentAs.getString("message_id")), Filters.ne("reports.status", status)),
                            Updates.push("reports", new Document("status", status).append("at", Date.from(at)).append("error", error))))
                    .map(MongoOutbox::decode);
        });
    }

    @Override
    public Future<Optional<State>> state(String id) {
        return mongo.call(() -> Optional.ofNullable(messages.find(Filters.eq("_id", id)).first())
                .map(doc -> State.valueOf(doc.getString("state").toUpperCase(Locale.ROOT))));
    }

    @Override
    public Future<Integer> forgetFinishedBefore(Instant cutoff) {
        Date before = Date.from(cutoff);
        // Scans, but once a day.
        return mongo.write(() -> {
            sent.deleteMany(Filters.lt("at", before));
            return (int) messages.deleteMany(Filters.and(Filters.in("state", state(State.SENT), state(State.FAILED)),
                    Filters.lt("created_at", before))).getDeletedCount();
        });
    }

    /** A message that went out, or never will, leaves its person's queue. */
    private void dequeue(Document message) {
        String person = personOf(message);
        people.updateOne(Filters.eq("_id", person), Updates.pull("queue", message.getString("_id")));
        forgetIfEmpty(person);
    }

    /** Conditional: a message queued meanwhile keeps the document. */
    private void forgetIfEmpty(String person) {
        people.deleteOne(Filters.and(Filters.eq("_id", person), Filters.size("queue", 0), Filters.eq("held", 0)));
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
