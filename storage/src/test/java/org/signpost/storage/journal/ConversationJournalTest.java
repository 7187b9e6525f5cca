package org.signpost.storage.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.core.conversation.StoreUnavailableException;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.UserUttered;
import org.signpost.core.referral.ReferralStore;
import org.signpost.core.retention.Retention;
import org.signpost.storage.EventCodec;
import org.signpost.storage.StoreContractIT;

class ConversationJournalTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static Vertx vertx;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static List<ConversationEvent> said(Instant at, String text) {
        return List.of(new UserUttered(at, text, "inform", 0.9, List.of()));
    }

    @Test
    void keepsEachConversationsEventsInOrderAcrossARestart() throws Exception {
        try (ConversationJournal journal = ConversationJournal.open(vertx, directory)) {
            await(journal.append("a", StoreContractIT.everyEvent()));
            await(journal.append("b", said(T, "for b")));
            await(journal.append("a", said(T, "again")));
        }

        try (ConversationJournal journal = ConversationJournal.open(vertx, directory)) {
            List<ConversationEvent> a = new ArrayList<>(StoreContractIT.everyEvent());
            a.addAll(said(T, "again"));
            assertThat(await(journal.load("a"))).isEqualTo(a);
            assertThat(await(journal.load("b"))).isEqualTo(said(T, "for b"));
            assertThat(await(journal.conversationIds())).containsExactlyInAnyOrder("a", "b");
            assertThat(await(journal.status())).isEqualTo("2 conversations kept");
            await(journal.append("b", said(T, "after the restart")));
            assertThat(await(journal.load("b"))).hasSize(2);
        }
    }

    @Test
    void appendsMadeAtOnceAreWrittenTogetherEachConversationInArrivalOrder() throws Exception {
        try (ConversationJournal journal = ConversationJournal.open(vertx, directory)) {
            List<Future<Void>> appends = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                appends.add(journal.append("c" + i % 7, said(T.plusSeconds(i), "message " + i)));
            }
            await(Future.all(appends));
        }
        try (ConversationJournal journal = ConversationJournal.open(vertx, directory)) {
            for (int c = 0; c < 7; c++) {
                int conversation = c;
                assertThat(await(journal.load("c" + c))).extracting(event -> ((UserUttered) event).text())
                        .containsExactlyElementsOf(IntStream.range(0, 400).filter(i -> i % 7 == conversation)
                                .mapToObj(i -> "message " + i).toList());
            }
        }
    }

    @Test
    void appendsFromAnEventLoopAreWrittenTogetherOnceItsTaskEnds() throws Exception {
        try (ConversationJournal journal = ConversationJournal.open(vertx, directory)) {
            long before = journalBytes();
            CompletableFuture<Long> duringTheTask = new CompletableFuture<>();
            CompletableFuture<List<Future<Void>>> appended = new CompletableFuture<>();
            vertx.getOrCreateContext().runOnContext(nothing -> {
                List<Future<Void>> appends = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    appends.add(journal.append("loop" + i, said(T, "message " + i)));
                }
                try {
                    // Long enough for a writer woken at the first append to have written it.
                    Thread.sleep(200);
                    duringTheTask.complete(journalBytes());
                } catch (InterruptedException | IOException e) {
                    duringTheTask.completeExceptionally(e);
                }
                appended.complete(appends);
            });
            assertThat(duringTheTask.get(10, TimeUnit.SECONDS)).as("bytes written while the task ran").isEqualTo(before);
            await(Future.all(appended.get(10, TimeUnit.SECONDS)));
            assertThat(journalBytes()).isGreaterThan(before);
            for (int i = 0; i < 3; i++) {
                assertThat(await(journal.load("loop" + i))).isEqualTo(said(T, "message " + i));
            }
        }
    }

    @Test
    void appendsThatCameEncodedAreKeptAsTheirEventsAloneInABatchOrBesideOnesToEncode() throws Exception {
        List<ConversationEvent> every = StoreContractIT.everyEvent();
        try (ConversationJournal journal = ConversationJournal.open(vertx, directory)) {
            // One task on an event loop, so that its appends are one batch (as above).
            CompletableFuture<List<Future<Void>>> encodedOnly = new CompletableFuture<>();
            vertx.getOrCreateContext().runOnContext(nothing -> encodedOnly.complete(List.of(
                    journal.append("encoded", every, EventCodec.encodeAll(every)),
                    journal.append("encoded", said(T, "next"), EventCodec.encodeAll(said(T, "next"))))));
            await(Future.all(encodedOnly.get(10, TimeUnit.SECONDS)));
            CompletableFuture<List<Future<Void>>> mixed = new CompletableFuture<>();
            vertx.getOrCreateContext().runOnContext(nothing -> mixed.complete(List.of(
                    journal.append("mixed", said(T, "to encode")),
                    journal.append("mixed", every, EventCodec.encodeAll(every)))));
            await(Future.all(mixed.get(10, TimeUnit.SECONDS)));
        }
        try (ConversationJournal journal = ConversationJournal.open(vertx, directory)) {
            List<ConversationEvent> encoded = new ArrayList<>(every);
            encoded.addAll(said(T, "next"));
            assertThat(await(journal.load("encoded"))).isEqualTo(encoded);
            List<ConversationEvent> mixed = new ArrayList<>(said(T, "to encode"));
            mixed.addAll(every);
            assertThat(await(journal.load("mixed"))).isEqualTo(mixed);
        }
    }

    @Test
    void retentionForgetsIdleConversationsForGoodAndRewritesFilesMostlyForgotten() throws Exception {
        ReferralStore noReferrals = new org.signpost.core.referral.InMemoryReferralStore();
        try (ConversationJournal journal = ConversationJournal.open(vertx, directory, 4_096)) {
            for (int i = 0; i < 60; i++) {
                await(journal.append("old-" + i, said(T, "x".repeat(100))));
            }
            await(journal.append("recent", said(T.plus(Duration.ofDays(40)), "still here")));
            long before = journalBytes();
            assertThat(journalFiles()).hasSizeGreaterThan(2);

            Clock later = Clock.fixed(T.plus(Duration.ofDays(45)), ZoneOffset.UTC);
            Retention.Result result = await(new Retention(journal, noReferrals, Duration.ofDays(30), Duration.ofDays(30), later).run());

            assertThat(result.transcripts()).isEqualTo(60);
            assertThat(await(journal.load("old-3"))).isEmpty();
            assertThat(await(journal.load("recent"))).hasSize(1);
            assertThat(journalBytes()).as("files rewritten without the forgotten turns").isLessThan(before / 4);
            await(journal.append("old-3", said(T.plus(Duration.ofDays(45)), "back again")));
        }
        try (ConversationJournal journal = ConversationJournal.open(vertx, directory, 4_096)) {
            assertThat(await(journal.conversationIds())).containsExactlyInAnyOrder("recent", "old-3");
            assertThat(await(journal.load("old-3"))).isEqualTo(said(T.plus(Duration.ofDays(45)), "back again"));
            assertThat(await(journal.load("recent"))).isEqualTo(said(T.plus(Duration.ofDays(40)), "still here"));
        }
    }

    @Test
    void aWriteACrashCutShortIsCutOffAtTheNextStart() throws Exception {
        try (ConversationJournal journal = ConversationJournal.open(vertx, directory)) {
            await(journal.append("a", said(T, "kept")));
        }
        Path file = journalFiles().get(0);
        long whole = Files.size(file);
        // The first bytes of a record: a header promising more than follows.
        Files.write(file, new byte[] {0, 0, 1, 0, 1, 2, 3, 4, 1, 0}, StandardOpenOption.APPEND);

        try (ConversationJournal journal = ConversationJournal.open(vertx, directory)) {
            assertThat(Files.size(file)).isEqualTo(whole);
            assertThat(await(journal.load("a"))).isEqualTo(said(T, "kept"));
            await(journal.append("a", said(T, "and then")));
        }
        try (ConversationJournal journal = ConversationJournal.open(vertx, directory)) {
            assertThat(await(journal.load("a"))).hasSize(2);
        }
    }

    @Test
    void damageBeforeTheLastFileStopsTheStartNamingFileAndByte() throws Exception {
        try (ConversationJournal journal = ConversationJournal.open(vertx, directory, 100)) {
            await(journal.append("a", said(T, "first file")));
            await(journal.append("a", said(T, "second file")));
        }
        Path first = journalFiles().get(0);
        byte[] bytes = Files.readAllBytes(first);
        bytes[bytes.length - 3] ^= 0x55;
        Files.write(first, bytes);

        assertThatThrownBy(() -> ConversationJournal.open(vertx, directory, 100))
                .hasMessageContaining(first.getFileName().toString())
                .hasMessageContaining("damaged at byte 0")
                .hasMessageContaining("checksum")
                .hasMessageNotContaining("first file");
    }

    @Test
    void oneProcessAtATime() throws Exception {
        try (ConversationJournal journal = ConversationJournal.open(vertx, directory)) {
            assertThatThrownBy(() -> ConversationJournal.open(vertx, directory)).hasMessageContaining("in use by another process");
        }
    }

    @Test
    void anAppendThatCannotBeKeptFailsAloneAndTheJournalGoesOn() throws Exception {
        try (ConversationJournal journal = ConversationJournal.open(vertx, directory)) {
            ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> await(journal.append("x".repeat(40_000), said(T, "too long an id"))));
            assertThat(failure.getCause()).hasMessageContaining("conversation id is longer than");
            await(journal.append("a", said(T, "fine")));
            assertThat(await(journal.load("a"))).hasSize(1);
        }
        try (ConversationJournal journal = ConversationJournal.open(vertx, directory)) {
            assertThat(await(journal.conversationIds())).containsExactly("a");
        }
    }

    @Test
    void aWriteTheDiskRefusesFailsItsAppendAsUnavailableAndKeepsNothing() throws Exception {
        // Linux's /dev/full refuses every write as a full disk would.
        Files.createSymbolicLink(directory.resolve("00000001.journal"), Path.of("/dev/full"));
        try (ConversationJournal journal = ConversationJournal.open(vertx, directory)) {
            ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> await(journal.append("a", said(T, "not kept"))));
            assertThat(failure.getCause()).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("conversation journal").hasMessageNotContaining("not kept");
            assertThat(await(journal.conversationIds())).isEmpty();
            assertThat(await(journal.load("a"))).isEmpty();
        }
    }

    @Test
    void aRewriteACrashCutShortIsDroppedAndTheOriginalRead() throws Exception {
        try (ConversationJournal journal = ConversationJournal.open(vertx, directory)) {
            await(journal.append("a", said(T, "kept")));
        }
        Path leftover = directory.resolve("00000001.journal.rewriting");
        Files.write(leftover, new byte[] {1, 2, 3});

        try (ConversationJournal journal = ConversationJournal.open(vertx, directory)) {
            assertThat(await(journal.load("a"))).isEqualTo(said(T, "kept"));
        }
        assertThat(leftover).doesNotExist();
    }

    private List<Path> journalFiles() throws IOException {
        try (var files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".journal")).sorted().toList();
        }
    }

    private long journalBytes() throws IOException {
        long total = 0;
        for (Path file : journalFiles()) {
            total += Files.size(file);
        }
        return total;
    }
}
