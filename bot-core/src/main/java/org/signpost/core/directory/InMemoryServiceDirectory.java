package org.signpost.core.directory;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The directory in this process's memory, starting from a seed. Thread-safe. */
public final class InMemoryServiceDirectory implements ServiceDirectory {

    private final Map<String, Service> services = new LinkedHashMap<>();

    public InMemoryServiceDirectory(List<Service> seed) {
        seed.forEach(service -> services.put(service.id(), service));
    }

    @Override
    public synchronized Future<List<Service>> all() {
        return Future.succeededFuture(List.copyOf(services.values()));
    }

    @Override
    public synchronized Future<Optional<Service>> find(String id) {
        return Future.succeededFuture(Optional.ofNullable(services.get(id)));
    }

    @Override
    public synchronized Future<Void> save(Service service) {
        services.put(service.id(), service);
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Boolean> delete(String id) {
        return Future.succeededFuture(services.remove(id) != null);
    }
}
