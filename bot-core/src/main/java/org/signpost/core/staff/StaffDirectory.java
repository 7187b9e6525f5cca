package org.signpost.core.staff;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Staff accounts. Never blocks the caller. */
public interface StaffDirectory {

    Future<Optional<StaffUser>> find(String username);

    /** Adds or replaces a user. */
    Future<Void> save(StaffUser user);

    Future<List<StaffUser>> all();
}
