package org.signpost.core.gap;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** Gaps in this process's memory: gone on restart. Thread-safe. */
public final class InMemoryCapacityGapLog implements CapacityGapLog {

    private final List<CapacityGap> gaps = new ArrayList<>();

    @Override
    public synchronized Future<Void> record(CapacityGap gap) {
        gaps.add(gap);
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<List<CapacityGap>> all() {
        return Future.succeededFuture(List.copyOf(gaps));
    }
}
