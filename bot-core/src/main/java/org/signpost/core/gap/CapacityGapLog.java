package org.signpost.core.gap;

import io.vertx.core.Future;
import java.util.List;

/** Where capacity gaps are kept. Never blocks the caller; failures arrive as failed futures. */
public interface CapacityGapLog {

    Future<Void> record(CapacityGap gap);

    /** Every gap, oldest first. */
    Future<List<CapacityGap>> all();
}
