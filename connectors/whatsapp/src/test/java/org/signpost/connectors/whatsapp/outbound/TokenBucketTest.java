package org.signpost.connectors.whatsapp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.signpost.core.MovableClock;

class TokenBucketTest {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void allowsTheRateAndSaysHowLongToWaitBeyondIt() {
        MovableClock clock = new MovableClock(START);
        TokenBucket bucket = new TokenBucket(80, clock);
        for (int i = 0; i < 80; i++) {
            assertThat(bucket.take()).isZero();
        }
        Duration wait = bucket.take();
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(13));
        clock.move(Duration.ofMillis(500));
        for (int i = 0; i < 40; i++) {
            assertThat(bucket.take()).isZero();
        }
        assertThat(bucket.take()).isPositive();
    }

    @Test
    void aPauseHoldsEveryoneBackUntilItEnds() {
        MovableClock clock = new MovableClock(START);
        TokenBucket bucket = new TokenBucket(80, clock);
        bucket.pauseUntil(clock.instant().plusSeconds(2));
        assertThat(bucket.take()).isEqualTo(Duration.ofSeconds(2));
        clock.move(Duration.ofSeconds(2));
        assertThat(bucket.take()).isZero();
    }

    @Test
    void retriesBackOffExponentiallyUpToFiveMinutes() {
        assertThat(Sender.backoff(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Sender.backoff(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(Sender.backoff(40)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void metasErrorCodesDecideWhatHappensNext() {
        assertThat(GraphResult.ofError(400, 130429, "Rate limit hit")).isInstanceOfSatisfying(GraphResult.Retry.class,
                retry -> assertThat(retry.everyone()).isTrue());
        assertThat(GraphResult.ofError(400, 131056, "pair rate limit")).isInstanceOfSatisfying(GraphResult.Retry.class,
                retry -> assertThat(retry.pair()).isTrue());
        assertThat(GraphResult.ofError(400, 131047, "Re-engagement message")).isInstanceOf(GraphResult.WindowClosed.class);
        assertThat(GraphResult.ofError(500, 131000, "Something went wrong")).isInstanceOf(GraphResult.Retry.class);
        assertThat(GraphResult.ofError(502, 0, "Bad gateway")).isInstanceOf(GraphResult.Retry.class);
        assertThat(GraphResult.ofError(401, 190, "Access token has expired")).isInstanceOf(GraphResult.Retry.class);
        assertThat(GraphResult.ofError(400, 131026, "Message undeliverable")).isEqualTo(new GraphResult.Refused(131026,
                "131026 Message undeliverable"));
        assertThat(GraphResult.ofError(400, 100, "Invalid parameter")).isInstanceOf(GraphResult.Refused.class);
    }
}
