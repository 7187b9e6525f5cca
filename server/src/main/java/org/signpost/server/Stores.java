package org.signpost.server;

import org.signpost.core.conversation.ConversationLock;
import org.signpost.core.conversation.InMemoryConversationLock;
import org.signpost.core.conversation.InMemoryTrackerStore;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.directory.ServiceDirectory;
import org.signpost.core.escalation.EscalationQueue;
import org.signpost.core.escalation.InMemoryEscalationQueue;
import org.signpost.core.feedback.FeedbackLog;
import org.signpost.core.feedback.InMemoryFeedbackLog;
import org.signpost.core.gap.CapacityGapLog;
import org.signpost.core.gap.InMemoryCapacityGapLog;
import org.signpost.core.referral.InMemoryReferralStore;
import org.signpost.core.referral.ReferralStore;
import org.signpost.core.staff.AuditLog;
import org.signpost.core.staff.InMemoryAuditLog;
import org.signpost.core.staff.InMemoryStaffDirectory;
import org.signpost.core.staff.StaffDirectory;
import org.signpost.storage.redis.Redis;
import org.signpost.storage.redis.RedisConversationLock;
import org.signpost.storage.redis.RedisEscalationQueue;
import org.signpost.storage.redis.RedisTrackerStore;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;

/**
 * Every store Signpost keeps its state in, chosen in one place.
 *
 * @param description which stores are in use, for start-up and readiness
 * @param redis the Redis connection, when the hot state lives there
 */
record Stores(TrackerStore trackers, ConversationLock lock, ServiceDirectory directory, EscalationQueue escalations,
        CapacityGapLog gaps, ReferralStore referrals, FeedbackLog feedback, StaffDirectory staff, AuditLog audit,
        String description, Optional<Redis> redis) {

    /** How long a conversation's hot state stays in Redis after its last message. */
    static final Duration CONVERSATION_TTL = Duration.ofDays(7);
    /** How long a crashed instance can hold a conversation's lock. */
    static final Duration LOCK_LEASE = Duration.ofSeconds(30);

    /** The in-memory stores: nothing survives a restart. */
    static Stores inMemory(ServiceDirectory directory) {
        return new Stores(new InMemoryTrackerStore(), new InMemoryConversationLock(), directory,
                new InMemoryEscalationQueue(), new InMemoryCapacityGapLog(), new InMemoryReferralStore(),
                new InMemoryFeedbackLog(), new InMemoryStaffDirectory(), new InMemoryAuditLog(), "in memory",
                Optional.empty());
    }

    /**
     * Conversation state, locks and the escalation queue in Redis, shared by every instance; the
     * rest in memory until the MongoDB stores arrive.
     */
    static Stores withRedis(Vertx vertx, Redis redis, ServiceDirectory directory) {
        return new Stores(new RedisTrackerStore(redis, CONVERSATION_TTL),
                new RedisConversationLock(vertx, redis, LOCK_LEASE, LOCK_LEASE), directory, new RedisEscalationQueue(redis),
                new InMemoryCapacityGapLog(), new InMemoryReferralStore(), new InMemoryFeedbackLog(),
                new InMemoryStaffDirectory(), new InMemoryAuditLog(),
                "Redis for conversations, locks and escalations; the rest in memory", Optional.of(redis));
    }
}
