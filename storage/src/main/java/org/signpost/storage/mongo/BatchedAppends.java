package org.signpost.storage.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.signpost.storage.Batches;
import org.signpost.storage.CallerContext;

/**
 * Appends to conversations' event logs (see {@link MongoStores.Trackers}), written together.
 * While one batch is written and committed, the appends that arrive wait and become the next
 * batch: one bulk write and one commit for all of them, where each turn would otherwise pay a
 * driver round trip and wait for a commit of its own. With nothing else waiting, an append is
 * written at once, alone. Appends to one conversation in a batch become one stored turn, their
 * events in the order they came. Thread-safe.
 */
final class BatchedAppends {

    /** Enough to share a round trip and a commit widely; few enough that a batch is soon written. */
    static final int MAX_BATCH = 500;

    /** One append, who waits for it, and where to tell them. */
    private record Append(String conversationId, List<String> events, Date last, Promise<Void> done, CallerContext caller) {

        void settle(Throwable failure) {
            caller.settle(done, null, failure);
        }
    }

    private final Mongo mongo;
    private final MongoCollection<Document> conversations;
    private final MongoCollection<Document> turns;
    private final Batches<Append> waiting = new Batches<>(MAX_BATCH);

    BatchedAppends(Mongo mongo, MongoCollection<Document> conversations, MongoCollection<Document> turns) {
        this.mongo = mongo;
        this.conversations = conversations;
        this.turns = turns;
    }

    /** Completes once the events are durable after the conversation's earlier ones. */
    Future<Void> append(String conversationId, List<String> events, Date last) {
        Append append = new Append(conversationId, events, last, Promise.promise(), CallerContext.current());
        if (waiting.add(append)) {
            writeNextBatch();
        }
        return append.done().future();
    }

    private void writeNextBatch() {
        List<Append> batch = waiting.next();
        if (batch.isEmpty()) {
            return;
        }
        Map<String, List<Append>> byConversation = new LinkedHashMap<>();
        for (Append append : batch) {
            byConversation.computeIfAbsent(append.conversationId(), id -> new ArrayList<>()).add(append);
        }
        // Every turn first, then the heads that name them: a head never names a turn that is not
        // stored; a turn whose head was not updated is never read (retention removes it).
        List<WriteModel<Document>> turnInserts = new ArrayList<>(byConversation.size());
        List<WriteModel<Document>> headUpdates = new ArrayList<>(byConversation.size());
        for (Map.Entry<String, List<Append>> conversation : byConversation.entrySet()) {
            List<String> events = new ArrayList<>();
            conversation.getValue().forEach(append -> events.addAll(append.events()));
            Date last = conversation.getValue().get(conversation.getValue().size() - 1).last();
            String turnId = conversation.getKey() + "/" + new ObjectId().toHexString();
            turnInserts.add(new InsertOneModel<>(new Document("_id", turnId).append("events", events).append("at", last)));
            headUpdates.add(new UpdateOneModel<>(Filters.eq("_id", conversation.getKey()),
                    Updates.combine(Updates.push("turns", turnId), Updates.set("last_event_at", last)),
                    new UpdateOptions().upsert(true)));
        }
        List<String> order = List.copyOf(byConversation.keySet());
        try {
            mongo.write(() -> write(turnInserts, headUpdates)).onComplete(result -> {
                try {
                    for (int i = 0; i < order.size(); i++) {
                        Throwable failure = result.failed() ? result.cause() : result.result().failures().get(i);
                        for (Append append : byConversation.get(order.get(i))) {
                            append.settle(failure);
                        }
                    }
                } finally {
                    writeNextBatch();
                }
            });
        } catch (RuntimeException e) {
            // Not even submitted (the worker pool is closed): nobody may wait for good.
            batch.forEach(append -> append.settle(e));
            writeNextBatch();
        }
    }

    /** Which conversations' appends failed, and why, by their place in the batch (absent: stored). */
    private record Written(Map<Integer, Throwable> failures) {
    }

    /**
     * Inserts the turns (in order, stopping at a failure: after one, no head is updated) and then
     * updates the heads (unordered: one conversation's failure is not another's). What was
     * written waits for its commit like any write.
     */
    private Written write(List<WriteModel<Document>> turnInserts, List<WriteModel<Document>> headUpdates) {
        try {
            turns.bulkWrite(turnInserts, new BulkWriteOptions().ordered(true));
        } catch (MongoBulkWriteException e) {
            Throwable failure = failure(e);
            Map<Integer, Throwable> all = new HashMap<>();
            for (int i = 0; i < turnInserts.size(); i++) {
                all.put(i, failure);
            }
            return new Written(all);
        }
        try {
            conversations.bulkWrite(headUpdates, new BulkWriteOptions().ordered(false));
            return new Written(Map.of());
        } catch (MongoBulkWriteException e) {
            Map<Integer, Throwable> failed = new HashMap<>();
            if (e.getWriteErrors().isEmpty()) {
                // Only the write concern failed: whether the heads were kept is unknown, so none is claimed.
                for (int i = 0; i < headUpdates.size(); i++) {
                    failed.put(i, failure(e));
                }
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                failed.put(error.getIndex(), new IllegalStateException("appending to a conversation failed: " + error.getMessage(), e));
            }
            return new Written(failed);
        }
    }

    private static Throwable failure(MongoBulkWriteException e) {
        return new IllegalStateException("appending to a conversation failed: "
                + (e.getWriteErrors().isEmpty() ? e.getMessage() : e.getWriteErrors().get(0).getMessage()), e);
    }
}
