package org.signpost.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(15), clock);

    @Test
    void attemptsBeyondTheLimitWaitUntilTheOldestAgesOut() {
        assertThat(throttle.begin("Nav.Smith")).isZero();
        clock.move(Duration.ofMinutes(5));
        assertThat(throttle.begin("nav.smith ")).isZero();
        assertThat(throttle.begin("NAV.SMITH")).isZero();

        assertThat(throttle.begin("nav.smith")).isEqualTo(Duration.ofMinutes(10).toSeconds());
        assertThat(throttle.begin("someone.else")).isZero();
        clock.move(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(throttle.begin("nav.smith")).isZero();
    }

    @Test
    void aBurstOfParallelGuessesCountsBeforeAnyPasswordIsChecked() {
        long allowed = IntStream.range(0, 20).parallel().filter(i -> throttle.begin("nav.smith") == 0).count();

        assertThat(allowed).isEqualTo(3);
    }

    @Test
    void aSuccessClearsTheCount() {
        throttle.begin("nav.smith");
        throttle.begin("nav.smith");
        throttle.succeeded("nav.smith");
        throttle.begin("nav.smith");
        throttle.begin("nav.smith");

        assertThat(throttle.begin("nav.smith")).isZero();
        assertThat(throttle.begin("nav.smith")).isPositive();
    }

    @Test
    void usernamesWhoseAttemptsAgedOutAreSweptAway() {
        throttle.begin("made.up.1");
        throttle.begin("made.up.2");
        throttle.begin("made.up.3");
        assertThat(throttle.tracked()).isEqualTo(3);

        clock.move(Duration.ofMinutes(16));
        throttle.begin("made.up.4");

        assertThat(throttle.tracked()).isEqualTo(1);
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
