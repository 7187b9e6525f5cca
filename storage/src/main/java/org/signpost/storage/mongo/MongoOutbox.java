package org.signpost.storage.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.signpost.core.delivery.OutboundMessage;
import org.signpost.core.delivery.Outbox;
import org.signpost.core.message.Channel;

/**
 * The {@link Outbox} in the {@code outbox} collection, one document per message. A recipient's
 * queue is their pending documents in {@code order}; a claim is a conditional update of the head
 * of that queue, so two instances never send the same message and never skip ahead.
 */
public final class MongoOutbox implements Outbox {

    private static final Date NEVER = new Date(0);

    private final Mongo mongo;
    private final MongoCollection<Document> outbox;

    public MongoOutbox(Mongo mongo) {
        this.mongo = mongo;
        this.outbox = mongo.database().getCollection("outbox");
        outbox.createIndex(Indexes.ascending("channel", "recipient", "state", "order"));
        outbox.createIndex(Indexes.ascending("state", "not_before"));
        outbox.createIndex(Indexes.ascending("channel_message_id"));
        outbox.createIndex(Indexes.ascending("created_at"));
    }

    @Override
    public Future<Integer> enqueue(List<OutboundMessage> messages) {
        if (messages.isEmpty()) {
            return Future.succeededFuture(0);
        }
        return mongo.write(() -> {
            int added = 0;
            for (int i = 0; i < messages.size(); i++) {
                OutboundMessage message = messages.get(i);
                // An upsert that only sets on insert: enqueueing the same id again changes nothing.
                UpdateResult result = outbox.updateOne(Filters.eq("_id", message.id()), Updates.combine(
                        Updates.setOnInsert("channel", message.channel().id()),
                        Updates.setOnInsert("recipient", message.recipient()),
                        Updates.setOnInsert("conversation_id", message.conversationId()),
                        Updates.setOnInsert("body", message.body()),
                        Updates.setOnInsert("created_at", Date.from(message.createdAt())),
                        Updates.setOnInsert("order", message.createdAt().toEpochMilli() * 1_000 + Math.min(i, 999)),
                        Updates.setOnInsert("state", state(State.PENDING)),
                        Updates.setOnInsert("attempts", 0),
                        Updates.setOnInsert("not_before", NEVER),
                        Updates.setOnInsert("lease_until", NEVER)),
                        new UpdateOptions().upsert(true));
                added += result.getUpsertedId() == null ? 0 : 1;
            }
            return added;
        });
    }

    @Override
    public Future<List<String>> recipientsDue(Channel channel, Instant now, int limit) {
        Date at = Date.from(now);
        return mongo.call(() -> {
            Set<String> recipients = new LinkedHashSet<>();
            outbox.find(Filters.and(Filters.eq("channel", channel.id()), Filters.eq("state", state(State.PENDING)),
                            Filters.lte("not_before", at), Filters.lte("lease_until", at)))
                    .projection(Projections.include("recipient"))
                    .sort(Sorts.ascending("order"))
                    .limit(limit * 4)
                    .forEach(doc -> recipients.add(doc.getString("recipient")));
            return recipients.stream().limit(limit).toList();
        });
    }

    @Override
    public Future<Optional<OutboundMessage>> claimNext(Channel channel, String recipient, Instant now, Instant leaseUntil) {
        Date at = Date.from(now);
        return mongo.write(() -> {
            Document head = outbox.find(Filters.and(Filters.eq("channel", channel.id()), Filters.eq("recipient", recipient),
                            Filters.eq("state", state(State.PENDING))))
                    .sort(Sorts.ascending("order"))
                    .first();
            if (head == null || head.getDate("not_before").after(at) || head.getDate("lease_until").after(at)) {
                return Optional.<OutboundMessage>empty();
            }
            // Conditional on the lease seen: of two instances claiming the same head, one wins.
            Document claimed = outbox.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", head.getString("_id")), Filters.eq("state", state(State.PENDING)),
                            Filters.eq("lease_until", head.getDate("lease_until"))),
                    Updates.set("lease_until", Date.from(leaseUntil)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            return Optional.ofNullable(claimed).map(MongoOutbox::decode);
        });
    }

    @Override
    public Future<Void> sent(String id, String channelMessageId, Instant at) {
        return update(id, Updates.combine(Updates.set("state", state(State.SENT)), Updates.set("channel_message_id", channelMessageId),
                Updates.set("sent_at", Date.from(at)), Updates.set("lease_until", NEVER)));
    }

    @Override
    public Future<Void> retryAt(String id, Instant notBefore, String reason) {
        return update(id, Updates.combine(Updates.inc("attempts", 1), Updates.set("not_before", Date.from(notBefore)),
                Updates.set("lease_until", NEVER), Updates.set("error", reason)));
    }

    @Override
    public Future<Void> hold(String id, String reason) {
        return update(id, Updates.combine(Updates.set("state", state(State.HELD)), Updates.set("lease_until", NEVER),
                Updates.set("error", reason)));
    }

    @Override
    public Future<Void> release(Channel channel, String recipient) {
        return mongo.write(() -> {
            outbox.updateMany(Filters.and(Filters.eq("channel", channel.id()), Filters.eq("recipient", recipient),
                            Filters.eq("state", state(State.HELD))),
                    Updates.combine(Updates.set("state", state(State.PENDING)), Updates.set("not_before", NEVER)));
            return null;
        });
    }

    @Override
    public Future<Void> failed(String id, String reason, Instant at) {
        return update(id, Updates.combine(Updates.set("state", state(State.FAILED)), Updates.set("error", reason),
                Updates.set("failed_at", Date.from(at)), Updates.set("lease_until", NEVER)));
    }

    @Override
    public Future<Optional<OutboundMessage>> report(String channelMessageId, String status, Instant at, String error) {
        return mongo.write(() -> Optional.ofNullable(outbox.findOneAndUpdate(
                        Filters.and(Filters.eq("channel_message_id", channelMessageId), Filters.ne("reports.status", status)),
                        Updates.push("reports", new Document("status", status).append("at", Date.from(at)).append("error", error))))
                .map(MongoOutbox::decode));
    }

    @Override
    public Future<Optional<State>> state(String id) {
        return mongo.call(() -> Optional.ofNullable(outbox.find(Filters.eq("_id", id)).projection(Projections.include("state")).first())
                .map(doc -> State.valueOf(doc.getString("state").toUpperCase(Locale.ROOT))));
    }

    @Override
    public Future<Integer> forgetFinishedBefore(Instant cutoff) {
        return mongo.write(() -> (int) outbox.deleteMany(Filters.and(
                Filters.in("state", state(State.SENT), state(State.FAILED)),
                Filters.lt("created_at", Date.from(cutoff)))).getDeletedCount());
    }

    private Future<Void> update(String id, Bson update) {
        return mongo.write(() -> {
            outbox.updateOne(Filters.eq("_id", id), update);
            return null;
        });
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
