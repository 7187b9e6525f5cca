package org.signpost.core.gap;

import io.vertx.core.Future;
import java.util.List;
import org.signpost.core.memory.InMemoryRecords;

/** Capacity gaps in this process's memory: gone on restart. Thread-safe. */
public final class InMemoryCapacityGapLog implements CapacityGapLog {

    private final InMemoryRecords<CapacityGap> records = new InMemoryRecords<>();

    @Override
    public Future<Void> record(CapacityGap gap) {
        return records.append(gap);
    }

    @Override
    public Future<List<CapacityGap>> all() {
        return records.all();
    }
}
