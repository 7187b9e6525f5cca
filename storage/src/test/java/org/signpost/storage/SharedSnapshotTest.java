package org.signpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SharedSnapshotTest {

    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    /** A read per call, each answered when the test says. */
    private final List<Promise<String>> reads = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final SharedSnapshot<String> snapshot = new SharedSnapshot<>(() -> {
        Promise<String> read = Promise.promise();
        reads.add(read);
        return read.future();
    }, FRESH_FOR, now::get);

    @Test
    void everyoneWhoAsksWhileTheFirstReadRunsGetsItsAnswerFromThatOneRead() {
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(snapshot.get());
        }

        assertThat(reads).hasSize(1);
        assertThat(answers).allMatch(answer -> !answer.isComplete());
        reads.get(0).complete("v1");
        assertThat(answers).allMatch(answer -> "v1".equals(answer.result()));
        assertThat(snapshot.get().result()).isEqualTo("v1");
        assertThat(reads).as("fresh: no read").hasSize(1);
    }

    @Test
    void anOldSnapshotIsAnsweredAtOnceWhileOneReadFetchesItAgain() {
        snapshot.get();
        reads.get(0).complete("v1");
        now.addAndGet(FRESH_FOR.toNanos());

        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(snapshot.get());
        }

        assertThat(answers).allMatch(answer -> "v1".equals(answer.result()));
        assertThat(reads).as("one read again, not one per caller").hasSize(2);
        reads.get(1).complete("v2");
        assertThat(snapshot.get().result()).isEqualTo("v2");
        assertThat(reads).hasSize(2);
    }

    @Test
    void aFailedReadIsTriedAgainByTheNextCallerAndTheOldSnapshotServesMeanwhile() {
        assertThat(snapshot.get().isComplete()).isFalse();
        reads.get(0).fail(new IllegalStateException("store down"));
        Future<String> afterFailure = snapshot.get();
        assertThat(reads).as("nothing to serve: a read again").hasSize(2);
        reads.get(1).complete("v1");
        assertThat(afterFailure.result()).isEqualTo("v1");

        now.addAndGet(FRESH_FOR.toNanos());
        assertThat(snapshot.get().result()).isEqualTo("v1");
        reads.get(2).fail(new IllegalStateException("store down"));
        assertThat(snapshot.get().result()).as("still served while the store is away").isEqualTo("v1");
        assertThat(reads).hasSize(4);
    }

    @Test
    void aReadBegunBeforeAnInvalidationNeitherAnswersLaterCallersNorFillsTheSnapshot() {
        snapshot.get();
        reads.get(0).complete("v1");
        now.addAndGet(FRESH_FOR.toNanos());
        assertThat(snapshot.get().result()).isEqualTo("v1");
        assertThat(reads).hasSize(2);

        snapshot.invalidate();
        Future<String> afterEdit = snapshot.get();
        assertThat(afterEdit.isComplete()).as("the old snapshot is gone").isFalse();
        assertThat(reads).as("the read under way began before the edit: another").hasSize(3);

        reads.get(1).complete("before the edit");
        assertThat(afterEdit.isComplete()).isFalse();
        reads.get(2).complete("after the edit");
        assertThat(afterEdit.result()).isEqualTo("after the edit");
        assertThat(snapshot.get().result()).isEqualTo("after the edit");
        assertThat(reads).hasSize(3);
    }
}
