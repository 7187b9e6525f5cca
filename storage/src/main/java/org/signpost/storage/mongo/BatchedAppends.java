package org.signpost.storage.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * Appends to conversations' event logs ({@code conversations}: one document per conversation,
 * its encoded events in order), written together. While one batch is written and committed, the
 * appends that arrive wait and become the next batch: one bulk write and one commit for all of
 * them, where each turn would otherwise pay a driver round trip and wait for a commit of its own.
 * With nothing else waiting, an append is written at once, alone. Appends to one conversation in
 * a batch become one update, their events in the order they came. Thread-safe.
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
    /** Guarded by itself, with {@link #writing}. */
    private final ArrayDeque<Append> waiting = new ArrayDeque<>();
    private boolean writing;

    BatchedAppends(Mongo mongo, MongoCollection<Document> conversations) {
        this.mongo = mongo;
        this.conversations = conversations;
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
        List<WriteModel<Document>> updates = new ArrayList<>(byConversation.size());
        for (Map.Entry<String, List<Append>> conversation : byConversation.entrySet()) {
            List<String> events = new ArrayList<>();
            conversation.getValue().forEach(append -> events.addAll(append.events()));
            Date last = conversation.getValue().get(conversation.getValue().size() - 1).last();
            updates.add(new UpdateOneModel<>(Filters.eq("_id", conversation.getKey()),
                    Updates.combine(Updates.pushEach("events", events), Updates.set("last_event_at", last)),
                    new UpdateOptions().upsert(true)));
        }
        List<String> order = List.copyOf(byConversation.keySet());
        mongo.write(() -> failedUpdates(updates)).onComplete(result -> {
            settle(byConversation, order, result);
            writeNextBatch();
        });
    }

    /**
     * Writes the updates, unordered; the failure of each one that failed by its index. The rest
     * are written (and the write waits for their commit).
     */
    private Map<Integer, Throwable> failedUpdates(List<WriteModel<Document>> updates) {
        try {
            conversations.bulkWrite(updates, new BulkWriteOptions().ordered(false));
            return Map.of();
        } catch (MongoBulkWriteException e) {
            Map<Integer, Throwable> failed = new HashMap<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                failed.put(error.getIndex(), new IllegalStateException("appending to a conversation failed: " + error.getMessage()));
            }
            return failed;
        }
    }

    private static void settle(Map<String, List<Append>> byConversation, List<String> order,
            AsyncResult<Map<Integer, Throwable>> result) {
        for (int i = 0; i < order.size(); i++) {
            Throwable failure = result.failed() ? result.cause() : result.result().get(i);
            for (Append append : byConversation.get(order.get(i))) {
                append.settle(failure);
            }
        }
    }
}
