package org.signpost.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.signpost.core.conversation.ConversationLock;
import org.signpost.core.conversation.EventsFrom;
import org.signpost.core.conversation.InMemoryConversationLock;
import org.signpost.core.conversation.InMemoryTrackerStore;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.escalation.Escalation;
import org.signpost.core.escalation.EscalationQueue;
import org.signpost.core.escalation.InMemoryEscalationQueue;
import org.signpost.core.escalation.Priority;
import org.signpost.core.event.BotUttered;
import org.signpost.core.event.ConversationEvent;
import org.signpost.core.event.EntityValue;
import org.signpost.core.event.EscalationRequested;
import org.signpost.core.event.FlowEnded;
import org.signpost.core.event.FlowJumped;
import org.signpost.core.event.FlowStarted;
import org.signpost.core.event.FlowStepCompleted;
import org.signpost.core.event.NavigatorJoined;
import org.signpost.core.event.NavigatorLeft;
import org.signpost.core.event.NavigatorUttered;
import org.signpost.core.event.NoteAdded;
import org.signpost.core.event.SafetyFlagged;
import org.signpost.core.event.SessionStarted;
import org.signpost.core.event.SlotRequested;
import org.signpost.core.event.SlotReset;
import org.signpost.core.event.SlotSet;
import org.signpost.core.event.UserUttered;
import org.signpost.core.event.ActionExecuted;
import org.signpost.core.message.Button;
import org.signpost.core.message.Channel;
import org.signpost.core.staff.InMemorySignInThrottle;
import org.signpost.core.staff.SignInThrottle;
import org.signpost.storage.journal.ConversationJournal;
import org.signpost.storage.redis.Redis;
import org.signpost.storage.redis.RedisConversationLock;
import org.signpost.storage.redis.RedisEscalationQueue;
import org.signpost.storage.redis.RedisSignInThrottle;
import org.signpost.storage.redis.RedisTrackerStore;

/**
 * The same contract for every implementation of the store ports: in memory, and Redis against a
 * real Redis server.
 */
public class StoreContractIT {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static Vertx vertx;
    private static Redis redis;
    private static Redis otherInstance;
    /** The journals' directories: each test's journal is closed after it, like every argument that can be. */
    private static final List<Path> journalDirectories = new ArrayList<>();

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        redis = TestRedis.connect();
        // The other instance as a server connects: on Vert.x's event loops.
        otherInstance = Redis.connect(vertx, TestRedis.url(), redis.key(""));
    }

    @AfterAll
    static void clean() throws Exception {
        TestRedis.clean(redis);
        redis.close();
        otherInstance.close();
        for (Path directory : journalDirectories) {
            try (var files = Files.walk(directory)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static Stream<Arguments> trackerStores() {
        return Stream.of(Arguments.of("in memory", new InMemoryTrackerStore()),
                Arguments.of("redis", new RedisTrackerStore(redis, Duration.ofHours(1))),
                Arguments.of("redis with a transcript", new DurableTrackerStore(new RedisTrackerStore(redis, Duration.ofHours(1)),
                        new InMemoryTrackerStore())),
                Arguments.of("redis, remembering conversations", new RedisTrackerStore(redis, Duration.ofHours(1), 100_000)),
                Arguments.of("cached", new CachedTrackerStore(new InMemoryTrackerStore(), 1_000)),
                Arguments.of("journal", journal()),
                Arguments.of("journal behind the cache", new CachedTrackerStore(journal(), 1_000)),
                Arguments.of("redis with the journal as transcript", new DurableTrackerStore(
                        new RedisTrackerStore(redis, Duration.ofHours(1)), journal())));
    }

    private static ConversationJournal journal() {
        try {
            Path directory = Files.createTempDirectory("signpost-contract-journal");
            journalDirectories.add(directory);
            return ConversationJournal.open(vertx, directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void instancesRememberingConversationsSeeEachOthersAppendsAndALoss() throws Exception {
        RedisTrackerStore one = new RedisTrackerStore(redis, Duration.ofHours(1), 100_000);
        RedisTrackerStore two = new RedisTrackerStore(redis, Duration.ofHours(1), 100_000);
        String id = "alternating-" + System.nanoTime();
        List<ConversationEvent> events = everyEvent();
        List<ConversationEvent> expected = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            // Turns alternate between the instances, each loading before it appends, as a turn does.
            RedisTrackerStore instance = i % 2 == 0 ? one : two;
            assertThat(await(instance.load(id))).as("turn " + i).isEqualTo(expected);
            await(instance.append(id, List.of(events.get(i))));
            expected.add(events.get(i));
        }
        assertThat(await(one.load(id))).isEqualTo(events);
        assertThat(await(two.load(id))).isEqualTo(events);

        // Lost, then begun again shorter: what an instance holds is not taken for the list.
        redis.commands().del(redis.key("conversation:" + id)).get();
        await(two.append(id, events.subList(0, 2)));
        assertThat(await(one.load(id))).isEqualTo(events.subList(0, 2));
    }

    @Test
    void turnsReadingWithTheirLockAcrossInstancesEachSeeEveryEarlierTurn() throws Exception {
        RedisTrackerStore oneStore = new RedisTrackerStore(redis, Duration.ofHours(1), 100_000);
        RedisTrackerStore twoStore = new RedisTrackerStore(otherInstance, Duration.ofHours(1), 100_000);
        RedisConversationLock oneLock = new RedisConversationLock(vertx, redis, Duration.ofSeconds(10), Duration.ofSeconds(10), oneStore);
        RedisConversationLock twoLock = new RedisConversationLock(vertx, otherInstance, Duration.ofSeconds(10),
                Duration.ofSeconds(10), twoStore);
        String id = "read-ahead-" + System.nanoTime();
        // Each turn counts the turns before it, as a turn folds its history: a read sent with a
        // refused lock, kept for the load, would count one short and repeat a number.
        List<Future<Void>> turns = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RedisTrackerStore store = i % 2 == 0 ? oneStore : twoStore;
            RedisConversationLock lock = i % 2 == 0 ? oneLock : twoLock;
            turns.add(lock.withLock(id, () -> store.load(id).compose(before ->
                    store.append(id, List.of(new SlotSet(T, "turn", String.valueOf(before.size())))))));
        }
        await(Future.all(turns));

        List<String> counted = await(oneStore.load(id)).stream().map(event -> ((SlotSet) event).value()).toList();
        assertThat(counted).containsExactlyElementsOf(
                IntStream.range(0, 20).mapToObj(String::valueOf).toList());
    }

    @Test
    void turnsReadingFromTheLastEventTheyKnowAcrossInstancesEachSeeEveryEarlierTurn() throws Exception {
        RedisTrackerStore[] stores = {new RedisTrackerStore(redis, Duration.ofHours(1), 100_000),
                new RedisTrackerStore(otherInstance, Duration.ofHours(1), 100_000)};
        RedisConversationLock[] locks = {
                new RedisConversationLock(vertx, redis, Duration.ofSeconds(10), Duration.ofSeconds(10), stores[0]),
                new RedisConversationLock(vertx, otherInstance, Duration.ofSeconds(10), Duration.ofSeconds(10), stores[1])};
        String id = "read-from-" + System.nanoTime();
        // What each instance knows of the conversation, as its turns keep it.
        AtomicIntegerArray known = new AtomicIntegerArray(2);
        List<String> misreads = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Future<Void>> turns = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int instance = i % 2;
            RedisTrackerStore store = stores[instance];
            turns.add(locks[instance].withLock(id, () -> {
                int from = Math.max(0, known.get(instance) - 1);
                return store.loadFrom(id, from).compose(part -> {
                    if (part.from() != from || from + part.events().size() != part.length()) {
                        misreads.add(part.toString());
                    }
                    return store.append(id, List.of(new SlotSet(T, "turn", String.valueOf(part.length()))))
                            .onSuccess(done -> known.set(instance, part.length() + 1));
                });
            }));
        }
        await(Future.all(turns));

        assertThat(misreads).isEmpty();
        List<String> counted = await(stores[0].load(id)).stream().map(event -> ((SlotSet) event).value()).toList();
        assertThat(counted).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(String::valueOf).toList());
    }

    @Test
    void aReadSentWithALockThatNoLoadTookIsNotUsedLater() throws Exception {
        RedisTrackerStore store = new RedisTrackerStore(redis, Duration.ofHours(1), 100_000);
        RedisTrackerStore elsewhere = new RedisTrackerStore(otherInstance, Duration.ofHours(1), 100_000);
        RedisConversationLock lock = new RedisConversationLock(vertx, redis, Duration.ofSeconds(10), Duration.ofSeconds(10), store);
        String id = "unread-" + System.nanoTime();
        await(store.append(id, List.of(new SlotSet(T, "turn", "0"))));
        assertThat(await(lock.withLock(id, () -> Future.succeededFuture("ran without loading")))).isNotNull();

        await(elsewhere.append(id, List.of(new SlotSet(T, "turn", "1"))));
        assertThat(await(store.load(id))).hasSize(2);
    }

    @Test
    void aLostHotCopyIsReadBackFromTheTranscript() throws Exception {
        InMemoryTrackerStore transcript = new InMemoryTrackerStore();
        RedisTrackerStore hot = new RedisTrackerStore(redis, Duration.ofHours(1), 100_000);
        DurableTrackerStore store = new DurableTrackerStore(hot, transcript);
        String id = "lost-" + System.nanoTime();
        await(store.append(id, everyEvent()));
        redis.commands().del(redis.key("conversation:" + id)).get();

        assertThat(await(store.load(id))).isEqualTo(everyEvent());
        // The hot copy is whole again: what comes next follows the whole conversation, not a stub.
        List<ConversationEvent> next = List.of(new SlotSet(T, "locality", "Lye"));
        await(store.append(id, next));
        List<ConversationEvent> all = new ArrayList<>(everyEvent());
        all.addAll(next);
        assertThat(await(hot.load(id))).isEqualTo(all);
        // A second restore (another reader that also found the copy missing) changes nothing.
        await(hot.restore(id, everyEvent()));
        assertThat(await(store.load(id))).isEqualTo(all);
    }

    /** Two handles on the same lock: one process's lock twice, or two instances sharing Redis. */
    static Stream<Arguments> locks() {
        InMemoryConversationLock single = new InMemoryConversationLock();
        return Stream.of(Arguments.of("in memory", single, single),
                Arguments.of("redis", new RedisConversationLock(vertx, redis, Duration.ofSeconds(10), Duration.ofSeconds(10)),
                        new RedisConversationLock(vertx, otherInstance, Duration.ofSeconds(10), Duration.ofSeconds(10))),
                Arguments.of("redis, reading ahead",
                        new RedisConversationLock(vertx, redis, Duration.ofSeconds(10), Duration.ofSeconds(10),
                                new RedisTrackerStore(redis, Duration.ofHours(1), 100_000)),
                        new RedisConversationLock(vertx, otherInstance, Duration.ofSeconds(10), Duration.ofSeconds(10),
                                new RedisTrackerStore(otherInstance, Duration.ofHours(1), 100_000))));
    }

    /** Two handles on one throttle: one process's twice, or two instances sharing Redis. */
    static Stream<Arguments> throttles() {
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        InMemorySignInThrottle single = new InMemorySignInThrottle(5, Duration.ofMinutes(15), clock);
        return Stream.of(Arguments.of("in memory", single, single),
                Arguments.of("redis", new RedisSignInThrottle(redis, 5, Duration.ofMinutes(15), clock),
                        new RedisSignInThrottle(otherInstance, 5, Duration.ofMinutes(15), clock)));
    }

    static Stream<Arguments> queues() {
        return Stream.of(Arguments.of("in memory", new InMemoryEscalationQueue()),
                Arguments.of("redis", new RedisEscalationQueue(redis)));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** One event of every type, so a store that loses or mangles one fails. */
    public static List<ConversationEvent> everyEvent() {
        return List.of(
                new SessionStarted(T, Channel.WHATSAPP),
                new UserUttered(T, "any physio in lye?", "find_service", 0.87,
                        List.of(new EntityValue("locality", "Stourbridge"))),
                new SafetyFlagged(T, "emergency", "chest pain/pains/ache"),
                new FlowStarted(T, "find_service"),
                new SlotSet(T, "locality", "Stourbridge"),
                new SlotRequested(T, "service_category", 2),
                new BotUttered(T, "utter_ask", "What help?", List.of(new Button("Falls", "/inform{\"a\": \"b\"}"))),
                new FlowStepCompleted(T, "find_service", 0),
                new FlowJumped(T, "find_service", 3),
                new ActionExecuted(T, "action_search_services"),
                new EscalationRequested(T, "e-1", "asked for a person", "routine"),
                new SlotReset(T, "locality"),
                new FlowEnded(T, "find_service", FlowEnded.Outcome.CANCELLED),
                new UserUttered(T, "/human_handoff", "human_handoff", 1.0, List.of(), "Talk to a person", "wamid.HBgLMTIz"),
                new NavigatorJoined(T, "e-1", "sam"),
                new NavigatorUttered(T, "sam", "Hello, I'm Sam"),
                new NoteAdded(T, "sam", "wants the falls service"),
                new NavigatorLeft(T, "sam", "handed_back"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trackerStores")
    void keepsEveryEventInOrder(String name, TrackerStore store) throws Exception {
        String id = "contract-" + name + "-" + System.nanoTime();
        assertThat(await(store.load(id))).isEmpty();

        await(store.append(id, everyEvent().subList(0, 5)));
        await(store.append(id, everyEvent().subList(5, everyEvent().size())));
        await(store.append(id, List.of()));

        assertThat(await(store.load(id))).isEqualTo(everyEvent());
        assertThat(await(store.load(id + "-other"))).isEmpty();
        assertThat(await(store.conversationIds())).contains(id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trackerStores")
    void readsAConversationFromAnyEventOnWithItsLength(String name, TrackerStore store) throws Exception {
        String id = "contract-from-" + name + "-" + System.nanoTime();
        List<ConversationEvent> events = everyEvent();
        assertThat(await(store.loadFrom(id, 0))).isEqualTo(new EventsFrom(0, 0, List.of()));
        await(store.load(id));
        for (ConversationEvent event : events) {
            // As turns do: each reads from the last event it knows, then appends.
            await(store.append(id, List.of(event)));
            int length = events.indexOf(event) + 1;
            assertThat(await(store.loadFrom(id, length - 1))).as("after event " + length)
                    .isEqualTo(new EventsFrom(length - 1, length, List.of(event)));
        }

        assertThat(await(store.loadFrom(id, 3))).isEqualTo(new EventsFrom(3, events.size(), events.subList(3, events.size())));
        assertThat(await(store.loadFrom(id, events.size()))).isEqualTo(new EventsFrom(events.size(), events.size(), List.of()));
        assertThat(await(store.loadFrom(id, events.size() + 5)).events()).isEmpty();
        assertThat(await(store.loadFrom(id, 0)).events()).isEqualTo(events);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("locks")
    void runsTurnsOfAConversationOneAtATimeEvenAcrossInstances(String name, ConversationLock one, ConversationLock two)
            throws Exception {
        String id = "locked-" + name + "-" + System.nanoTime();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        List<Future<Integer>> turns = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int turn = i;
            ConversationLock lock = i % 2 == 0 ? one : two;
            turns.add(lock.withLock(id, () -> {
                if (inside.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                Promise<Integer> done = Promise.promise();
                vertx.setTimer(5, t -> {
                    order.add(turn);
                    inside.decrementAndGet();
                    done.complete(turn);
                });
                return done.future();
            }));
        }
        await(Future.all(turns));

        assertThat(overlaps.get()).isZero();
        assertThat(order).hasSize(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("locks")
    void releasesTheLockWhenATurnFails(String name, ConversationLock one, ConversationLock two) throws Exception {
        String id = "failing-" + name + "-" + System.nanoTime();
        Future<String> failed = one.withLock(id, () -> Future.failedFuture(new IllegalStateException("boom")));
        assertThat(failed.toCompletionStage().toCompletableFuture()).failsWithin(Duration.ofSeconds(10));

        assertThat(await(two.withLock(id, () -> Future.succeededFuture("next")))).isEqualTo("next");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queues")
    void ordersEscalationsBySafetyThenWaitingTime(String name, EscalationQueue queue) throws Exception {
        String tag = name + System.nanoTime();
        await(queue.add(new Escalation(tag + "-late-routine", "a", Channel.WEB, "r", Priority.ROUTINE, T.plusSeconds(60), Map.of())));
        await(queue.add(new Escalation(tag + "-early-routine", "b", Channel.REST, "r", Priority.ROUTINE, T, Map.of("locality", "Lye"))));
        await(queue.add(new Escalation(tag + "-safety", "c", Channel.VOICE, "emergency", Priority.SAFETY, T.plusSeconds(120), Map.of())));

        List<Escalation> waiting = await(queue.waiting()).stream().filter(e -> e.id().startsWith(tag)).toList();
        assertThat(waiting).extracting(Escalation::id)
                .containsExactly(tag + "-safety", tag + "-early-routine", tag + "-late-routine");
        assertThat(waiting.get(1).details()).containsEntry("locality", "Lye");
        assertThat(waiting.get(0).channel()).isEqualTo(Channel.VOICE);
    }

    /** Two handles on the same queue: one process's queue twice, or two instances sharing Redis. */
    static Stream<Arguments> sharedQueues() {
        InMemoryEscalationQueue single = new InMemoryEscalationQueue();
        return Stream.of(Arguments.of("in memory", single, single),
                Arguments.of("redis", new RedisEscalationQueue(redis), new RedisEscalationQueue(otherInstance)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedQueues")
    void ofFiftyConcurrentClaimsAcrossInstancesExactlyOneWins(String name, EscalationQueue one, EscalationQueue two)
            throws Exception {
        String id = "claimed-" + name + System.nanoTime();
        await(one.add(new Escalation(id, "c", Channel.WEB, "asked for a person", Priority.ROUTINE, T, Map.of())));
        List<Future<org.signpost.core.escalation.Claim>> claims = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            claims.add((i % 2 == 0 ? one : two).claim(id, "navigator-" + i));
        }
        await(Future.all(claims));

        List<org.signpost.core.escalation.Claim> won = claims.stream().map(Future::result)
                .filter(claim -> claim.outcome() == org.signpost.core.escalation.Claim.Outcome.WON).toList();
        assertThat(won).hasSize(1);
        String winner = won.get(0).holder();
        assertThat(claims.stream().map(Future::result).filter(claim -> claim.outcome() != org.signpost.core.escalation.Claim.Outcome.WON))
                .hasSize(49).allSatisfy(claim -> assertThat(claim.holder()).isEqualTo(winner));
        assertThat(await(one.waiting())).noneMatch(escalation -> escalation.id().equals(id));
        assertThat(await(two.claim("never-queued-" + name, "navigator")).outcome())
                .isEqualTo(org.signpost.core.escalation.Claim.Outcome.NOT_FOUND);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedQueues")
    void aNavigatorsClaimsAreTheirsOnEveryInstanceUntilFinished(String name, EscalationQueue one, EscalationQueue two)
            throws Exception {
        String navigator = "held-" + name + System.nanoTime();
        await(one.add(new Escalation(navigator + "-a", "c1", Channel.WEB, "r", Priority.ROUTINE, T, Map.of())));
        await(one.add(new Escalation(navigator + "-b", "c2", Channel.WEB, "r", Priority.SAFETY, T.plusSeconds(5), Map.of())));
        await(one.claim(navigator + "-a", navigator));
        await(two.claim(navigator + "-b", navigator));

        assertThat(await(two.heldBy(navigator))).extracting(Escalation::id).containsExactly(navigator + "-b", navigator + "-a");
        assertThat(await(one.heldBy("someone else"))).noneMatch(escalation -> escalation.id().startsWith(navigator));
        await(two.finish(navigator + "-b"));
        await(one.finish(navigator + "-b"));
        assertThat(await(one.heldBy(navigator))).extracting(Escalation::id).containsExactly(navigator + "-a");
        // A finished escalation still names who had it.
        assertThat(await(one.claim(navigator + "-b", "latecomer")).holder()).isEqualTo(navigator);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("throttles")
    void signInAttemptsCountOnEveryInstanceUntilOneSucceeds(String name, SignInThrottle one, SignInThrottle two)
            throws Exception {
        String user = "nav-" + name.replace(' ', '-') + "-" + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(await((i % 2 == 0 ? one : two).begin(user))).as("attempt " + (i + 1)).isZero();
        }
        // Nothing has aged out on the fixed clock: the whole window is left.
        assertThat(await(two.begin(" " + user.toUpperCase(Locale.ROOT)))).isEqualTo(15 * 60);
        assertThat(await(one.begin(user + "-someone-else"))).isZero();

        await(one.succeeded(user));
        assertThat(await(two.begin(user))).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("throttles")
    void aBurstOfGuessesOnTwoInstancesLetsOnlyTheAllowedNumberThrough(String name, SignInThrottle one, SignInThrottle two)
            throws Exception {
        String user = "burst-" + name.replace(' ', '-') + "-" + System.nanoTime();
        List<Future<Long>> guesses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            guesses.add((i % 2 == 0 ? one : two).begin(user));
        }
        await(Future.all(guesses));

        assertThat(guesses.stream().filter(guess -> guess.result() == 0)).hasSize(5);
    }

    @Test
    void sharedSignInAttemptsAgeOutAfterTheirWindow() throws Exception {
        String user = "aging-" + System.nanoTime();
        RedisSignInThrottle early = new RedisSignInThrottle(redis, 2, Duration.ofMinutes(15), Clock.fixed(T, ZoneOffset.UTC));
        await(early.begin(user));
        RedisSignInThrottle later = new RedisSignInThrottle(otherInstance, 2, Duration.ofMinutes(15),
                Clock.fixed(T.plus(Duration.ofMinutes(5)), ZoneOffset.UTC));
        await(later.begin(user));
        assertThat(await(later.begin(user))).isEqualTo(10 * 60);

        RedisSignInThrottle afterTheFirst = new RedisSignInThrottle(redis, 2, Duration.ofMinutes(15),
                Clock.fixed(T.plus(Duration.ofMinutes(15)).plusSeconds(1), ZoneOffset.UTC));
        assertThat(await(afterTheFirst.begin(user))).isZero();
        assertThat(await(afterTheFirst.begin(user))).isPositive();
    }

    @Test
    void aCrashedHolderBlocksAConversationOnlyUntilItsLeaseEnds() throws Exception {
        String id = "crashed-" + System.nanoTime();
        // A holder that never releases: its key is set as a crashed instance would leave it.
        redis.commands().set(redis.key("lock:" + id), "crashed-instance", io.lettuce.core.SetArgs.Builder.px(300)).get();
        RedisConversationLock lock = new RedisConversationLock(vertx, redis, Duration.ofSeconds(5), Duration.ofSeconds(5));

        long started = System.nanoTime();
        assertThat(await(lock.withLock(id, () -> Future.succeededFuture("ran")))).isEqualTo("ran");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(200);
    }
}
