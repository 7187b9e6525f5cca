package org.signpost.core.staff;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** The audit log in this process's memory. Thread-safe. */
public final class InMemoryAuditLog implements AuditLog {

    private final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized Future<Void> record(AuditEntry entry) {
        entries.add(entry);
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<List<AuditEntry>> all() {
        return Future.succeededFuture(List.copyOf(entries));
    }
}
