package org.signpost.core.retention;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.referral.ReferralStore;

/**
 * Deletes what Signpost no longer needs to keep: conversation transcripts idle for longer than
 * {@code transcripts}, and referrals older than {@code referrals}. Run on a schedule; each run
 * reports what it deleted. Retention does not rely on store-side expiry (the embedded store
 * does not enforce TTL indexes).
 */
public final class Retention {

    /** What one run deleted. */
    public record Result(int transcripts, int referrals) {
    }

    private final TrackerStore trackers;
    private final ReferralStore referralStore;
    private final Duration transcripts;
    private final Duration referrals;
    private final Clock clock;

    public Retention(TrackerStore trackers, ReferralStore referralStore, Duration transcripts, Duration referrals, Clock clock) {
        this.trackers = Objects.requireNonNull(trackers, "trackers");
        this.referralStore = Objects.requireNonNull(referralStore, "referralStore");
        this.transcripts = Objects.requireNonNull(transcripts, "transcripts");
        this.referrals = Objects.requireNonNull(referrals, "referrals");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Future<Result> run() {
        Instant now = clock.instant();
        return trackers.deleteIdleSince(now.minus(transcripts)).compose(deletedTranscripts ->
                referralStore.deleteCreatedBefore(now.minus(referrals)).map(deletedReferrals ->
                        new Result(deletedTranscripts, deletedReferrals)));
    }
}
