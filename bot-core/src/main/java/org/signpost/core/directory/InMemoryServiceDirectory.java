package org.signpost.core.directory;

import io.vertx.core.Future;
import java.util.List;

/** A fixed directory, typically the seed read from the dialog content. */
public final class InMemoryServiceDirectory implements ServiceDirectory {

    private final List<Service> services;

    public InMemoryServiceDirectory(List<Service> services) {
        this.services = List.copyOf(services);
    }

    @Override
    public Future<List<Service>> all() {
        return Future.succeededFuture(services);
    }
}
