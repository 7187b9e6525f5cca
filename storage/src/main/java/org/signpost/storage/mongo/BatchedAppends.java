package org.signpost.storage.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

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

    /** One append, who waits for it, and the Vert.x context to tell them on. */
    private record Append(String conversationId, List<String> events, Date last, Promise<Void> done,
            Optional<Context> caller) {

        void settle(Throwable failure) {
            Runnable completion = failure == null ? () -> done.tryComplete() : () -> done.tryFail(failure);
            caller.ifPresentOrElse(context -> context.runOnContext(nothing -> completion.run()), completion);
        }
    }

    private final Mongo mongo;
    private final MongoCollection<Document> conversations;
    private final MongoCollection<Document> turns;
    /** Guarded by itself, with {@link #writing}. */
    private final ArrayDeque<Append> waiting = new ArrayDeque<>();
    private boolean writing;

    BatchedAppends(Mongo mongo, MongoCollection<Document> conversations, MongoCollection<Document> turns) {
        this.mongo = mongo;
        this.conversations = conversations;
        this.turns = turns;
    }

    /** Completes once the events are durable after the conversation's earlier ones. */
    Future<Void> append(String conversationId, List<String> events, Date last) {
        Append append = new Append(conversationId, events, last, Promise.promise(), Optional.ofNullable(Vertx.currentContext()));
        synchronized (waiting) {
            waiting.add(append);
            if (writing) {
                return append.done().future();
            }
            writing = true;
        }
        writeNextBatch();
        return append.done().future();
    }

    private void writeNextBatch() {
        List<Append> batch = new ArrayList<>();
        synchronized (waiting) {
            while (!waiting.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(waiting.poll());
            }
            if (batch.isEmpty()) {
                writing = false;
                return;
            }
        }
        Map<String, List<Append>> byConversation = new LinkedHashMap<>();
        for (Append append : batch) {
            byConversation.computeIfAbsent(append.conversationId(), id -> new ArrayList<>()).add(append);
        }
        // Every turn first, then the heads that name them (in order, stopping at a failure): a head
        // never names a turn that is not stored; a turn whose head was not updated is never read.
        List<WriteModel<Document>> stored = new ArrayList<>(byConversation.size());
        List<WriteModel<Document>> heads = new ArrayList<>(byConversation.size());
        for (Map.Entry<String, List<Append>> conversation : byConversation.entrySet()) {
            List<String> events = new ArrayList<>();
            conversation.getValue().forEach(append -> events.addAll(append.events()));
            Date last = conversation.getValue().get(conversation.getValue().size() - 1).last();
            String turnId = conversation.getKey() + "/" + new ObjectId().toHexString();
            stored.add(new InsertOneModel<>(new Document("_id", turnId).append("events", events).append("at", last)));
            heads.add(new UpdateOneModel<>(Filters.eq("_id", conversation.getKey()),
                    Updates.combine(Updates.push("turns", turnId), Updates.set("last_event_at", last)),
                    new UpdateOptions().upsert(true)));
        }
        List<String> order = List.copyOf(byConversation.keySet());
        mongo.write(() -> firstFailedConversation(stored, heads)).onComplete(result -> {
            settle(byConversation, order, result);
            writeNextBatch();
        });
    }

    /**
     * Writes the turns and then the heads, in order, and returns where that stopped: the index of
     * the first conversation whose append failed, with the failure (none: every one is stored).
     * What was written before the failure waits for its commit like any write.
     */
    private Optional<Map.Entry<Integer, Throwable>> firstFailedConversation(List<WriteModel<Document>> stored,
            List<WriteModel<Document>> heads) {
        try {
            turns.bulkWrite(stored, new BulkWriteOptions().ordered(true));
        } catch (MongoBulkWriteException e) {
            return Optional.of(Map.entry(0, failure(e)));
        }
        try {
            conversations.bulkWrite(heads, new BulkWriteOptions().ordered(true));
            return Optional.empty();
        } catch (MongoBulkWriteException e) {
            int failed = e.getWriteErrors().isEmpty() ? 0 : e.getWriteErrors().get(0).getIndex();
            return Optional.of(Map.entry(failed, failure(e)));
        }
    }

    private static Throwable failure(MongoBulkWriteException e) {
        return new IllegalStateException("appending to a conversation failed: "
                + (e.getWriteErrors().isEmpty() ? e.getMessage() : e.getWriteErrors().get(0).getMessage()));
    }

    private static void settle(Map<String, List<Append>> byConversation, List<String> order,
            AsyncResult<Optional<Map.Entry<Integer, Throwable>>> result) {
        for (int i = 0; i < order.size(); i++) {
            Throwable failure = null;
            if (result.failed()) {
                failure = result.cause();
            } else if (result.result().isPresent() && i >= result.result().get().getKey()) {
                failure = result.result().get().getValue();
            }
            for (Append append : byConversation.get(order.get(i))) {
                append.settle(failure);
            }
        }
    }
}
