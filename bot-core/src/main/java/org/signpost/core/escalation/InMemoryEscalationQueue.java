package org.signpost.core.escalation;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The queue in this process's memory: gone on restart. Thread-safe. */
public final class InMemoryEscalationQueue implements EscalationQueue {

    static final Comparator<Escalation> ORDER = Comparator.comparing(Escalation::priority)
            .thenComparing(Escalation::createdAt).thenComparing(Escalation::id);

    private final List<Escalation> escalations = new ArrayList<>();
    private final Map<String, String> holders = new HashMap<>();
    private final Map<String, Escalation> held = new HashMap<>();

    @Override
    public synchronized Future<Void> add(Escalation escalation) {
        escalations.add(escalation);
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Claim> claim(String escalationId, String navigator) {
        String holder = holders.get(escalationId);
        if (holder != null) {
            return Future.succeededFuture(Claim.taken(holder));
        }
        for (Escalation escalation : escalations) {
            if (escalation.id().equals(escalationId)) {
                escalations.remove(escalation);
                holders.put(escalationId, navigator);
                held.put(escalationId, escalation);
                return Future.succeededFuture(Claim.won(navigator, escalation));
            }
        }
        return Future.succeededFuture(Claim.notFound());
    }

    @Override
    public synchronized Future<List<Escalation>> heldBy(String navigator) {
        return Future.succeededFuture(held.values().stream()
                .filter(escalation -> navigator.equals(holders.get(escalation.id()))).sorted(ORDER).toList());
    }

    @Override
    public synchronized Future<Void> finish(String escalationId) {
        held.remove(escalationId);
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<List<Escalation>> waiting() {
        List<Escalation> ordered = new ArrayList<>(escalations);
        ordered.sort(ORDER);
        return Future.succeededFuture(List.copyOf(ordered));
    }
}
