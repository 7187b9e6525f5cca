package org.signpost.server;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.signpost.core.conversation.ConversationLock;
import org.signpost.core.conversation.InMemoryConversationLock;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.delivery.InMemoryReplyBus;
import org.signpost.core.delivery.Inbox;
import org.signpost.core.delivery.Outbox;
import org.signpost.core.delivery.ReplyBus;
import org.signpost.core.directory.Service;
import org.signpost.core.directory.ServiceDirectory;
import org.signpost.core.escalation.EscalationQueue;
import org.signpost.core.escalation.InMemoryEscalationQueue;
import org.signpost.core.feedback.FeedbackLog;
import org.signpost.core.gap.CapacityGapLog;
import org.signpost.core.referral.ReferralStore;
import org.signpost.core.staff.AuditLog;
import org.signpost.core.staff.InMemorySignInThrottle;
import org.signpost.core.staff.SignInThrottle;
import org.signpost.core.staff.StaffDirectory;
import org.signpost.storage.CachedTrackerStore;
import org.signpost.storage.DurableTrackerStore;
import org.signpost.storage.journal.ConversationJournal;
import org.signpost.storage.mongo.Durability;
import org.signpost.storage.mongo.EmbeddedMongo;
import org.signpost.storage.mongo.Mongo;
import org.signpost.storage.mongo.MongoInbox;
import org.signpost.storage.mongo.MongoOutbox;
import org.signpost.storage.mongo.MongoStores;
import org.signpost.storage.redis.Redis;
import org.signpost.storage.redis.RedisConversationLock;
import org.signpost.storage.redis.RedisEscalationQueue;
import org.signpost.storage.redis.RedisReplyBus;
import org.signpost.storage.redis.RedisSignInThrottle;
import org.signpost.storage.redis.RedisTrackerStore;

/**
 * Every store Signpost keeps its state in, chosen in one place. Durable data (conversations when
 * there is no Redis, referrals, the directory, feedback, capacity gaps, staff, the audit log)
 * lives in MongoDB: a configured server, or the embedded one on a file in the data directory.
 * With Redis, conversation state, locks, the escalation queue, the reply bus (which carries a
 * reply to the instance holding the conversation's live connection) and the sign-in throttle are
 * shared by every instance.
 *
 * @param description which stores are in use, for start-up and readiness
 */
record Stores(TrackerStore trackers, ConversationLock lock, ServiceDirectory directory, EscalationQueue escalations,
        ReplyBus replies, CapacityGapLog gaps, ReferralStore referrals, FeedbackLog feedback, StaffDirectory staff, AuditLog audit,
        SignInThrottle signIns, Inbox inbox, Outbox outbox, String description, Mongo mongo, Optional<EmbeddedMongo> embedded,
        Optional<ConversationJournal> journal, Optional<Redis> redis) implements AutoCloseable {

    /** How long a conversation's hot state stays in Redis after its last message. */
    static final Duration CONVERSATION_TTL = Duration.ofDays(7);
    /**
     * Conversations whose length an instance remembers (with its last event on a single
     * instance), in front of the durable store or Redis: their turns read only what is new.
     */
    static final int CONVERSATIONS_REMEMBERED = 200_000;
    /** Sign-in attempts for one username that may fail within {@link #SIGN_IN_WINDOW}. */
    static final int SIGN_IN_ATTEMPTS = 5;
    static final Duration SIGN_IN_WINDOW = Duration.ofMinutes(15);
    /** How long a crashed instance can hold a conversation's lock. */
    static final Duration LOCK_LEASE = Duration.ofSeconds(30);

    /** Opens the stores the configuration names. Blocking: connects, seeds and reads the journal. */
    static Stores open(Vertx vertx, ServerConfig config, List<Service> seed) {
        Optional<EmbeddedMongo> embedded = config.mongodbUri().isPresent() ? Optional.empty()
                : Optional.of(EmbeddedMongo.start(config.dataDirectory().resolve("store").resolve("signpost")));
        Mongo mongo = null;
        Optional<ConversationJournal> journal = Optional.empty();
        ServiceDirectory directory;
        Optional<Redis> redis;
        try {
            // A write completes once the embedded store has committed it, so an acknowledged write survives a crash.
            mongo = Mongo.connect(vertx, config.mongodbUri().orElseGet(() -> embedded.orElseThrow().connectionString()),
                    config.mongodbDatabase(), embedded.map(Durability.class::cast).orElse(Durability.ACKNOWLEDGED));
            directory = new MongoStores.Directory(mongo).seedIfEmpty(seed);
            if (embedded.isPresent()) {
                journal = Optional.of(openJournal(vertx, config.dataDirectory().resolve("conversations"), mongo));
            }
            redis = config.redisUrl().map(url -> Redis.connect(vertx, url, config.redisNamespace()));
        } catch (RuntimeException e) {
            // Half-opened stores would hold the data directory's locks until the process ends.
            journal.ifPresent(ConversationJournal::close);
            if (mongo != null) {
                mongo.close();
            }
            embedded.ifPresent(EmbeddedMongo::close);
            throw e;
        }
        // Conversations: the journal beside the embedded store, or the configured MongoDB.
        TrackerStore transcripts = journal.isPresent() ? journal.get() : new MongoStores.Trackers(mongo);
        String durable = embedded.isPresent()
                ? "the embedded store and the conversation journal in " + config.dataDirectory().toAbsolutePath()
                : "MongoDB database " + config.mongodbDatabase();
        if (redis.isPresent()) {
            Redis shared = redis.get();
            RedisTrackerStore hot = new RedisTrackerStore(shared, CONVERSATION_TTL, CONVERSATIONS_REMEMBERED);
            return new Stores(new DurableTrackerStore(hot, transcripts),
                    new RedisConversationLock(vertx, shared, LOCK_LEASE, LOCK_LEASE, hot), directory, new RedisEscalationQueue(shared),
                    new RedisReplyBus(shared), new MongoStores.Gaps(mongo), new MongoStores.Referrals(mongo), new MongoStores.FeedbackRecords(mongo),
                    new MongoStores.Staff(mongo), new MongoStores.Audit(mongo),
                    new RedisSignInThrottle(shared, SIGN_IN_ATTEMPTS, SIGN_IN_WINDOW, Clock.systemUTC()), new MongoInbox(mongo), new MongoOutbox(mongo),
                    "Redis for conversation state, locks, escalations, replies and sign-in attempts; " + durable + " for transcripts and the rest",
                    mongo, embedded, journal, redis);
        }
        // One instance: conversations are durable in the journal or MongoDB; locks, the queue and replies are in memory.
        return new Stores(new CachedTrackerStore(transcripts, CONVERSATIONS_REMEMBERED),
                new InMemoryConversationLock(), directory,
                new InMemoryEscalationQueue(), new InMemoryReplyBus(), new MongoStores.Gaps(mongo), new MongoStores.Referrals(mongo),
                new MongoStores.FeedbackRecords(mongo), new MongoStores.Staff(mongo), new MongoStores.Audit(mongo),
                new InMemorySignInThrottle(SIGN_IN_ATTEMPTS, SIGN_IN_WINDOW, Clock.systemUTC()), new MongoInbox(mongo), new MongoOutbox(mongo), durable + "; escalations, locks and replies in memory", mongo, embedded,
                journal, Optional.empty());
    }

    /**
     * The embedded default's conversation journal. A data directory from before the journal keeps
     * its conversations in the embedded store: they are copied into the journal, and dropped from
     * the store only then. A copy a crash cut short is started again from nothing (until the drop,
     * the journal holds only what the copy wrote: the server serves nothing before).
     */
    private static ConversationJournal openJournal(Vertx vertx, Path directory, Mongo mongo) {
        if (!MongoStores.Trackers.present(mongo)) {
            return ConversationJournal.open(vertx, directory);
        }
        ConversationJournal.deleteFiles(directory);
        ConversationJournal journal = ConversationJournal.open(vertx, directory);
        try {
            MongoStores.Trackers earlier = new MongoStores.Trackers(mongo);
            journal.importAll(earlier);
            earlier.drop();
            return journal;
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (replies instanceof RedisReplyBus bus) {
            bus.close();
        }
        redis.ifPresent(Redis::close);
        mongo.close();
        journal.ifPresent(ConversationJournal::close);
        embedded.ifPresent(EmbeddedMongo::close);
    }
}
