package org.signpost.core.referral;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Referrals in this process's memory: gone on restart. Thread-safe. */
public final class InMemoryReferralStore implements ReferralStore {

    private final Map<String, Referral> referrals = new LinkedHashMap<>();

    @Override
    public synchronized Future<Void> save(Referral referral) {
        if (referrals.putIfAbsent(referral.reference(), referral) != null) {
            return Future.failedFuture(new DuplicateReferenceException(referral.reference()));
        }
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Optional<Referral>> find(String reference) {
        return Future.succeededFuture(Optional.ofNullable(referrals.get(reference)));
    }

    @Override
    public synchronized Future<Optional<Referral>> updateStatus(String reference, ReferralStatus status) {
        Referral current = referrals.get(reference);
        if (current == null) {
            return Future.succeededFuture(Optional.empty());
        }
        Referral updated = current.withStatus(status);
        referrals.put(reference, updated);
        return Future.succeededFuture(Optional.of(updated));
    }

    @Override
    public synchronized Future<Integer> deleteCreatedBefore(Instant cutoff) {
        int before = referrals.size();
        referrals.values().removeIf(referral -> referral.createdAt().isBefore(cutoff));
        return Future.succeededFuture(before - referrals.size());
    }

    @Override
    public synchronized Future<List<Referral>> all() {
        return Future.succeededFuture(List.copyOf(new ArrayList<>(referrals.values())));
    }
}
