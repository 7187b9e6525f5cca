package org.signpost.core.memory;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only list of records in this process's memory, behind the futures every store port
 * returns: the shared body of the in-memory logs (feedback, capacity gaps, audit). Thread-safe;
 * gone on restart.
 */
public final class InMemoryRecords<T> {

    private final List<T> records = new ArrayList<>();

    public synchronized Future<Void> append(T record) {
        records.add(record);
        return Future.succeededFuture();
    }

    /** Every record, oldest first. */
    public synchronized Future<List<T>> all() {
        return Future.succeededFuture(List.copyOf(records));
    }
}
