package org.signpost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.signpost.core.delivery.InMemoryReplyBus;
import org.signpost.core.delivery.ReplyBus;
import org.signpost.storage.redis.Redis;
import org.signpost.storage.redis.RedisReplyBus;

/**
 * The reply bus contract: a frame published on one instance reaches the listener that another
 * instance holds for the conversation. In memory both "instances" are one bus; with Redis they are
 * two buses on two connections to a real Redis server, as two server processes would be.
 */
class ReplyBusContractIT {

    private static Vertx vertx;
    private static Redis redis;
    private static Redis otherRedis;
    private static RedisReplyBus redisBus;
    private static RedisReplyBus otherRedisBus;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        redis = TestRedis.connect();
        otherRedis = Redis.connect(TestRedis.url(), redis.key(""));
        redisBus = new RedisReplyBus(redis);
        otherRedisBus = new RedisReplyBus(otherRedis);
    }

    @AfterAll
    static void close() throws Exception {
        redisBus.close();
        otherRedisBus.close();
        redis.close();
        otherRedis.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The buses outlive each invocation, so JUnit must not close them (autoCloseArguments). */
    static Stream<Arguments> buses() {
        InMemoryReplyBus local = new InMemoryReplyBus();
        return Stream.of(Arguments.of("in memory", local, local), Arguments.of("Redis", redisBus, otherRedisBus));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("buses")
    void framesReachTheInstanceHoldingTheConversationInOrderOnItsContext(String name, ReplyBus publisher,
            ReplyBus holder) throws Exception {
        Context context = vertx.getOrCreateContext();
        List<Context> deliveredOn = new ArrayList<>();
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        ReplyBus.Subscription subscription = subscribeOn(context, holder, "conv-order-" + name, frame -> {
            deliveredOn.add(Vertx.currentContext());
            frames.add(frame);
        });

        List<Boolean> reached = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            reached.add(await(publisher.publish("conv-order-" + name, "{\"text\":\"reply " + i + "\"}")));
        }

        assertThat(reached).containsOnly(true);
        for (int i = 0; i < 50; i++) {
            assertThat(frames.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"text\":\"reply " + i + "\"}");
        }
        assertThat(deliveredOn).containsOnly(context);
        await(subscription.close());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("buses")
    void aConversationNobodyHoldsIsReportedAndOthersHearNothing(String name, ReplyBus publisher, ReplyBus holder)
            throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        ReplyBus.Subscription subscription = subscribeOn(vertx.getOrCreateContext(), holder, "conv-held-" + name,
                frames::add);

        assertThat(await(publisher.publish("conv-nobody-" + name, "lost in the post"))).isFalse();
        assertThat(await(publisher.publish("conv-held-" + name, "for you"))).isTrue();

        assertThat(frames.poll(5, TimeUnit.SECONDS)).isEqualTo("for you");
        assertThat(frames).isEmpty();
        await(subscription.close());
    }

    @Test
    void aFrameMadeOnDemandIsMadeOnlyWhenTheInstanceItselfHasSomeoneToGiveItTo() throws Exception {
        InMemoryReplyBus bus = new InMemoryReplyBus();
        AtomicInteger made = new AtomicInteger();
        Supplier<String> frame = () -> "frame " + made.incrementAndGet();

        assertThat(await(bus.publish("conv-lazy", frame))).isFalse();
        assertThat(made).as("nobody listens: not made").hasValue(0);

        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        ReplyBus.Subscription subscription = subscribeOn(vertx.getOrCreateContext(), bus, "conv-lazy", frames::add);
        assertThat(await(bus.publish("conv-lazy", frame))).isTrue();
        assertThat(frames.poll(5, TimeUnit.SECONDS)).isEqualTo("frame 1");
        await(subscription.close());
    }

    @Test
    void onRedisAFrameMadeOnDemandIsAlwaysMadeAnotherInstanceMayHoldTheConversation() throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        ReplyBus.Subscription subscription = subscribeOn(vertx.getOrCreateContext(), otherRedisBus, "conv-lazy-redis", frames::add);

        assertThat(await(redisBus.publish("conv-lazy-redis", () -> "made"))).isTrue();
        assertThat(frames.poll(5, TimeUnit.SECONDS)).isEqualTo("made");
        await(subscription.close());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("buses")
    void closingOneOfTwoListenersLeavesTheOtherAndClosingBothLeavesNobody(String name, ReplyBus publisher,
            ReplyBus holder) throws Exception {
        String conversation = "conv-two-tabs-" + name;
        BlockingQueue<String> first = new LinkedBlockingQueue<>();
        BlockingQueue<String> second = new LinkedBlockingQueue<>();
        // One context for both tabs: frames reach it in order, so once the second tab has a frame,
        // anything wrongly sent to the first would already be there.
        Context context = vertx.getOrCreateContext();
        ReplyBus.Subscription firstTab = subscribeOn(context, holder, conversation, first::add);
        ReplyBus.Subscription secondTab = subscribeOn(context, holder, conversation, second::add);

        await(publisher.publish(conversation, "both"));
        assertThat(first.poll(5, TimeUnit.SECONDS)).isEqualTo("both");
        assertThat(second.poll(5, TimeUnit.SECONDS)).isEqualTo("both");

        await(firstTab.close());
        assertThat(await(publisher.publish(conversation, "second only"))).isTrue();
        assertThat(second.poll(5, TimeUnit.SECONDS)).isEqualTo("second only");

        await(secondTab.close());
        await(secondTab.close());
        assertThat(await(publisher.publish(conversation, "nobody"))).isFalse();
        assertThat(first).isEmpty();
        assertThat(second).isEmpty();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("buses")
    void subscribingOutsideAVertxContextIsRefused(String name, ReplyBus publisher, ReplyBus holder) {
        assertThatThrownBy(() -> holder.subscribe("conv-no-context-" + name, frame -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Vert.x context");
    }

    private static ReplyBus.Subscription subscribeOn(Context context, ReplyBus bus, String conversationId,
            Consumer<String> listener) throws Exception {
        Promise<ReplyBus.Subscription> subscribed = Promise.promise();
        context.runOnContext(ignored -> bus.subscribe(conversationId, listener).onComplete(subscribed));
        return await(subscribed.future());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
