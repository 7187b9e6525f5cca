package org.signpost.storage.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.signpost.core.delivery.InboundMessage;
import org.signpost.core.delivery.Inbox;
import org.signpost.core.message.Channel;

/**
 * The {@link Inbox} in the {@code inbox} collection: one document per message, its {@code _id}
 * the channel and the channel's message id, so the unique {@code _id} index is what drops a
 * re-delivery, on every instance at once. A handled message keeps its ids and times, not its body.
 */
public final class MongoInbox implements Inbox {

    private final Mongo mongo;
    private final MongoCollection<Document> inbox;

    public MongoInbox(Mongo mongo) {
        this.mongo = mongo;
        this.inbox = mongo.database().getCollection("inbox");
        inbox.createIndex(Indexes.ascending("channel", "sender", "handled", "sent_at"));
        inbox.createIndex(Indexes.ascending("handled", "received_at"));
    }

    @Override
    public Future<List<InboundMessage>> accept(List<InboundMessage> messages) {
        if (messages.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return mongo.write(() -> {
            List<InboundMessage> fresh = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                InboundMessage message = messages.get(i);
                try {
                    inbox.insertOne(encode(message, i));
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
    public Future<List<InboundMessage>> pending(Channel channel, String sender) {
        return mongo.call(() -> {
            List<InboundMessage> found = new ArrayList<>();
            inbox.find(Filters.and(Filters.eq("channel", channel.id()), Filters.eq("sender", sender), Filters.eq("handled", false)))
                    .sort(Sorts.ascending("sent_at", "arrival"))
                    .forEach(doc -> found.add(decode(doc)));
            return found;
        });
    }

    @Override
    public Future<List<String>> sendersWithPending(Channel channel) {
        return mongo.call(() -> {
            Set<String> senders = new LinkedHashSet<>();
            inbox.find(Filters.and(Filters.eq("channel", channel.id()), Filters.eq("handled", false)))
                    .projection(Projections.include("sender"))
                    .sort(Sorts.ascending("received_at"))
                    .forEach(doc -> senders.add(doc.getString("sender")));
            return List.copyOf(senders);
        });
    }

    @Override
    public Future<Void> handled(InboundMessage message) {
        return mongo.write(() -> {
            inbox.updateOne(Filters.eq("_id", key(message.channel(), message.id())), Updates.combine(Updates.set("handled", true), Updates.unset("body")));
            return null;
        });
    }

    @Override
    public Future<Optional<Instant>> lastSent(Channel channel, String sender) {
        return mongo.call(() -> Optional.ofNullable(
                inbox.find(Filters.and(Filters.eq("channel", channel.id()), Filters.eq("sender", sender)))
                        .projection(Projections.include("sent_at"))
                        .sort(Sorts.descending("sent_at"))
                        .first())
                .map(doc -> doc.getDate("sent_at").toInstant()));
    }

    @Override
    public Future<Integer> forgetHandledBefore(Instant cutoff) {
        return mongo.write(() -> (int) inbox.deleteMany(
                Filters.and(Filters.eq("handled", true), Filters.lt("received_at", Date.from(cutoff)))).getDeletedCount());
    }

    /** The document id: message ids are unique per channel only. */
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

    private static InboundMessage decode(Document doc) {
        return new InboundMessage(doc.getString("message_id"), Channel.fromId(doc.getString("channel")), doc.getString("sender"),
                doc.getDate("sent_at").toInstant(), doc.getDate("received_at").toInstant(), doc.get("body", ""));
    }
}
