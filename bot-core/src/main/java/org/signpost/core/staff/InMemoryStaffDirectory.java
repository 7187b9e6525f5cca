package org.signpost.core.staff;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Staff accounts in this process's memory. Thread-safe. */
public final class InMemoryStaffDirectory implements StaffDirectory {

    private final Map<String, StaffUser> users = new ConcurrentHashMap<>();

    @Override
    public Future<Optional<StaffUser>> find(String username) {
        return Future.succeededFuture(Optional.ofNullable(users.get(username)));
    }

    @Override
    public Future<Void> save(StaffUser user) {
        users.put(user.username(), user);
        return Future.succeededFuture();
    }

    @Override
    public Future<List<StaffUser>> all() {
        return Future.succeededFuture(List.copyOf(users.values()));
    }
}
