package org.signpost.storage.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.signpost.core.conversation.StoreUnavailableException;
import org.signpost.storage.CallerContext;

/**
 * A MongoDB database for Signpost's durable stores, through the official (synchronous) driver.
 * Every call runs on a Vert.x worker thread via {@link #call}, never on an event loop.
 */
public final class Mongo implements AutoCloseable {

    private final Vertx vertx;
    private final MongoClient client;
    private final MongoDatabase database;
    private final Durability durability;
    /** Where calls run: Vert.x's worker pool, or a pool of their own. */
    private final Optional<WorkerExecutor> workers;

    private Mongo(Vertx vertx, MongoClient client, MongoDatabase database, Durability durability, Optional<WorkerExecutor> workers) {
        this.vertx = vertx;
        this.client = client;
        this.database = database;
        this.durability = durability;
        this.workers = workers;
    }

    /** Connects (lazily: the driver connects on first use). */
    public static Mongo connect(Vertx vertx, String uri, String database) {
        return connect(vertx, uri, database, Durability.ACKNOWLEDGED);
    }

    /**
     * Connects; a write's future completes once {@code durability} says it is durable (the
     * embedded server's commit), so that an acknowledged write survives the process being killed.
     */
    public static Mongo connect(Vertx vertx, String uri, String database, Durability durability) {
        Objects.requireNonNull(uri, "uri");
        MongoClient client = MongoClients.create(settings(uri));
        return new Mongo(Objects.requireNonNull(vertx, "vertx"), client, client.getDatabase(database),
                Objects.requireNonNull(durability, "durability"), Optional.empty());
    }

    /**
     * The driver's settings for {@code uri}. Writes wait for a majority of a replica set, journalled,
     * unless the URI says otherwise ({@code w=...}, {@code journal=...}): a write acknowledged by
     * the primary alone can be rolled back when another member takes over, and a referral or a
     * message acknowledged to the person must not be. (MongoDB 5.0 and later default to a
     * majority too; older servers and some set-ups do not.)
     */
    static MongoClientSettings settings(String uri) {
        ConnectionString connection = new ConnectionString(uri);
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(connection)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(3, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(3, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS));
        if (connection.getWriteConcern() == null) {
            settings.writeConcern(WriteConcern.MAJORITY.withJournal(true));
        }
        return settings.build();
    }

    /**
     * The same database, its calls run on a pool of {@code threads} workers of their own, so that
     * they never wait behind the others for a thread: for writes someone is waiting on, such as
     * the one before a webhook is acknowledged. Closing the view closes its pool, not the client.
     */
    public Mongo onOwnWorkers(String name, int threads) {
        return new Mongo(vertx, client, database, durability, Optional.of(vertx.createSharedWorkerExecutor(name, threads)));
    }

    public MongoDatabase database() {
        return database;
    }

    /**
     * Runs a blocking driver read on a worker thread. Calls may run in parallel. An unreachable
     * server becomes {@link StoreUnavailableException}.
     */
    public <T> Future<T> call(Callable<T> work) {
        return run(work, false);
    }

    /** Runs a blocking driver write on a worker thread; it is durable when the future completes. */
    public <T> Future<T> write(Callable<T> work) {
        return run(work, true);
    }

    /**
     * Runs a blocking driver write on a worker thread without waiting for a commit of its own: on
     * the embedded store it becomes durable with the next durable write, which commits everything
     * written before it (a MongoDB server's writes are durable anyway). For records that a crash
     * may lose because they are repaired or recognised afterwards; each commit saved is a wait of
     * several milliseconds under load.
     */
    public <T> Future<T> writeEventually(Callable<T> work) {
        return run(work, false);
    }

    /**
     * Makes the writes made so far durable (the embedded store's commit; a MongoDB server's writes
     * are durable anyway), for work run by {@link #call} that batches writes and commits once.
     * Blocking: worker threads only.
     */
    void commit() {
        durability.commit();
    }

    private <T> Future<T> run(Callable<T> work, boolean writes) {
        CallerContext caller = CallerContext.of(vertx.getOrCreateContext());
        Future<T> done = workers.isPresent() ? workers.get().executeBlocking(work, false) : vertx.executeBlocking(work, false);
        if (writes) {
            // The worker is free again while the write waits for its commit.
            done = done.compose(result -> {
                Promise<T> durable = Promise.promise();
                durability.afterCommit(failure -> caller.settle(durable, result, failure));
                return durable.future();
            });
        }
        return done.recover(failure -> Future.failedFuture(
                failure instanceof MongoTimeoutException || failure instanceof MongoSocketException
                        ? new StoreUnavailableException("MongoDB", failure) : failure));
    }

    /** {@code ping}, for readiness checks. */
    public Future<String> ping() {
        return call(() -> {
            database.runCommand(new Document("ping", 1));
            return "answers";
        });
    }

    @Override
    public void close() {
        if (workers.isPresent()) {
            workers.get().close();
        } else {
            client.close();
        }
    }
}
