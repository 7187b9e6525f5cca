package org.signpost.core.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.signpost.core.MovableClock;

class InMemorySignInThrottleTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final InMemorySignInThrottle throttle = new InMemorySignInThrottle(3, Duration.ofMinutes(15), clock);

    @Test
    void attemptsBeyondTheLimitWaitUntilTheOldestAgesOut() {
        assertThat(throttle.begin("Nav.Smith").result()).isZero();
        clock.move(Duration.ofMinutes(5));
        assertThat(throttle.begin("nav.smith ").result()).isZero();
        assertThat(throttle.begin("NAV.SMITH").result()).isZero();

        assertThat(throttle.begin("nav.smith").result()).isEqualTo(Duration.ofMinutes(10).toSeconds());
        assertThat(throttle.begin("someone.else").result()).isZero();
        clock.move(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(throttle.begin("nav.smith").result()).isZero();
    }

    @Test
    void aBurstOfParallelGuessesCountsBeforeAnyPasswordIsChecked() {
        long allowed = IntStream.range(0, 20).parallel().filter(i -> throttle.begin("nav.smith").result() == 0).count();

        assertThat(allowed).isEqualTo(3);
    }

    @Test
    void aSuccessClearsTheCount() {
        throttle.begin("nav.smith").result();
        throttle.begin("nav.smith").result();
        throttle.succeeded("nav.smith");
        throttle.begin("nav.smith").result();
        throttle.begin("nav.smith").result();

        assertThat(throttle.begin("nav.smith").result()).isZero();
        assertThat(throttle.begin("nav.smith").result()).isPositive();
    }

    @Test
    void usernamesWhoseAttemptsAgedOutAreSweptAway() {
        throttle.begin("made.up.1").result();
        throttle.begin("made.up.2").result();
        throttle.begin("made.up.3").result();
        assertThat(throttle.tracked()).isEqualTo(3);

        clock.move(Duration.ofMinutes(16));
        throttle.begin("made.up.4").result();

        assertThat(throttle.tracked()).isEqualTo(1);
    }
}
