package org.signpost.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(15), clock, 2);

    @Test
    void theLastAllowedFailureLocksTheUsernameUntilTheFirstFailureAgesOut() {
        throttle.failed("Nav.Smith");
        clock.move(Duration.ofMinutes(5));
        throttle.failed("nav.smith ");
        assertThat(throttle.blockedForSeconds("nav.smith")).isZero();

        throttle.failed("NAV.SMITH");

        assertThat(throttle.blockedForSeconds("nav.smith")).isEqualTo(Duration.ofMinutes(10).toSeconds());
        assertThat(throttle.blockedForSeconds("someone.else")).isZero();
        clock.move(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(throttle.blockedForSeconds("nav.smith")).isZero();
    }

    @Test
    void aSuccessClearsTheCount() {
        throttle.failed("nav.smith");
        throttle.failed("nav.smith");
        throttle.succeeded("nav.smith");
        throttle.failed("nav.smith");
        throttle.failed("nav.smith");

        assertThat(throttle.blockedForSeconds("nav.smith")).isZero();
    }

    @Test
    void usernamesWhoseFailuresAgedOutAreForgottenOnceManyAreTracked() {
        throttle.failed("made.up.1");
        throttle.failed("made.up.2");
        throttle.failed("made.up.3");
        assertThat(throttle.tracked()).isEqualTo(3);

        clock.move(Duration.ofMinutes(16));
        throttle.failed("made.up.4");

        assertThat(throttle.tracked()).isEqualTo(1);
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        private Instant now;

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
