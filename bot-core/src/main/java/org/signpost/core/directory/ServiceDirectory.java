package org.signpost.core.directory;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** The services Signpost knows. Never blocks the caller; failures arrive as failed futures. */
public interface ServiceDirectory {

    Future<List<Service>> all();

    Future<Optional<Service>> find(String id);

    /** Adds a service or replaces the one with the same id. */
    Future<Void> save(Service service);

    /** Removes a service; completes with false when there was none. */
    Future<Boolean> delete(String id);
}
