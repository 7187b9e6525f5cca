package org.signpost.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.signpost.storage.mongo.EmbeddedMongo;
import org.signpost.storage.mongo.Mongo;

/**
 * MongoDB for tests, through the official driver: a real server when {@code MONGODB_URI} is set
 * (so a user with one can prove the stores on it), otherwise the in-process mongo-java-server.
 * Each call gets a database of its own; drop it when done.
 */
final class TestMongo {

    private TestMongo() {
    }

    /** Drops the test's database, disconnects and stops Vert.x. */
    static void dropAndClose(Mongo mongo, Vertx vertx) throws Exception {
        mongo.database().drop();
        mongo.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A store's answer (stores answer asynchronously). */
    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static Mongo connect(Vertx vertx) {
        String uri = System.getenv("MONGODB_URI");
        return Mongo.connect(vertx, uri == null || uri.isBlank() ? EmbeddedMongo.startInMemory() : uri,
                "signpost_test_" + UUID.randomUUID().toString().replace("-", ""));
    }
}
