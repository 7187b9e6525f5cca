package org.signpost.core.referral;

import io.vertx.core.Future;
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
}
