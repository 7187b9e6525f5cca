package org.signpost.core.staff;

import io.vertx.core.Future;
import java.util.List;
import org.signpost.core.memory.InMemoryRecords;

/** The audit log in this process's memory: gone on restart. Thread-safe. */
public final class InMemoryAuditLog implements AuditLog {

    private final InMemoryRecords<AuditEntry> records = new InMemoryRecords<>();

    @Override
    public Future<Void> record(AuditEntry entry) {
        return records.append(entry);
    }

    @Override
    public Future<List<AuditEntry>> all() {
        return records.all();
    }
}
