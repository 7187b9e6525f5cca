package org.signpost.connectors.whatsapp.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AcknowledgementsTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Vertx vertx = Vertx.vertx();
    /** The time the test moves, in nanoseconds. */
    private long now = 42 * SECOND + 1;
    private final Acknowledgements acknowledgements = new Acknowledgements(vertx, () -> now);

    @AfterEach
    void close() {
        vertx.close();
    }

    private void webhooks(int count) {
        for (int i = 0; i < count; i++) {
            acknowledgements.during(Future.succeededFuture());
        }
    }

    @Test
    void aFloodIsFloodPerSecondWebhooksInASecond() {
        webhooks(Acknowledgements.FLOOD_PER_SECOND - 1);
        assertThat(acknowledgements.flooded()).isFalse();

        webhooks(1);
        assertThat(acknowledgements.flooded()).isTrue();
    }

    @Test
    void aFloodLastsThroughTheNextSecondAndEndsWhenWebhooksSlowDown() {
        webhooks(Acknowledgements.FLOOD_PER_SECOND);

        now += SECOND;
        assertThat(acknowledgements.flooded()).as("the second after, before any webhook").isTrue();
        webhooks(10);
        assertThat(acknowledgements.flooded()).as("the second after, with a few webhooks").isTrue();

        now += SECOND;
        webhooks(10);
        assertThat(acknowledgements.flooded()).as("a slow second after a slow one").isFalse();
    }

    @Test
    void justUnderAFloodTheSecondBeforeIsNoFloodTheSecondAfter() {
        webhooks(Acknowledgements.FLOOD_PER_SECOND - 1);
        now += SECOND;
        assertThat(acknowledgements.flooded()).isFalse();
        webhooks(1);
        assertThat(acknowledgements.flooded()).isFalse();
    }

    @Test
    void aLateClockReadingAtASecondsTurnDoesNotLoseTheFlood() {
        webhooks(Acknowledgements.FLOOD_PER_SECOND * 5);
        long flood = now;
        // One thread moves on to the next second; another read the clock just before it did.
        now = flood + SECOND;
        webhooks(1);
        now = flood + SECOND - 2;
        webhooks(1);
        assertThat(acknowledgements.flooded()).isTrue();
        now = flood + SECOND + 1;
        webhooks(1);
        assertThat(acknowledgements.flooded()).as("the flood's second is still the one before").isTrue();
    }

    @Test
    void aSilenceEndsAFlood() {
        webhooks(Acknowledgements.FLOOD_PER_SECOND);

        now += 2 * SECOND;
        assertThat(acknowledgements.flooded()).isFalse();
        webhooks(1);
        assertThat(acknowledgements.flooded()).as("the flood was two seconds ago, not the second before").isFalse();
    }

    @Test
    void webhooksSpreadOverSecondsAreNoFlood() {
        for (int second = 0; second < 5; second++) {
            webhooks(Acknowledgements.FLOOD_PER_SECOND / 2);
            assertThat(acknowledgements.flooded()).isFalse();
            now += SECOND;
        }
    }

    @Test
    void giveWayWaitsWhileWebhooksWaitForTheirWriteButNeverStarves() throws Exception {
        Promise<Void> write = Promise.promise();
        for (int i = 0; i <= Acknowledgements.BUSY; i++) {
            acknowledgements.during(write.future());
        }
        Future<Void> gaveWay = acknowledgements.giveWay();
        assertThat(gaveWay.isComplete()).isFalse();
        // The writes never finish: the wait still ends.
        assertThat(gaveWay.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)).isNull();

        write.complete();
        assertThat(acknowledgements.giveWay().isComplete()).as("nothing waits any more").isTrue();
    }
}
