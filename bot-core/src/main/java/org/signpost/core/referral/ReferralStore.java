package org.signpost.core.referral;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where referrals are kept. Never blocks the caller. {@link #save} fails with
 * {@link DuplicateReferenceException} when the reference is taken, so callers can draw another.
 */
public interface ReferralStore {

    Future<Void> save(Referral referral);

    Future<Optional<Referral>> find(String reference);

    Future<List<Referral>> all();

    /** Deletes referrals created before {@code cutoff} (retention); completes with how many. */
    Future<Integer> deleteCreatedBefore(Instant cutoff);

    /** Changes a referral's status; completes with the updated referral, or empty when there is none. */
    Future<Optional<Referral>> updateStatus(String reference, ReferralStatus status);
}
