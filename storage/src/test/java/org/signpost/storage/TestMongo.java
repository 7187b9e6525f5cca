package org.signpost.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.signpost.storage.mongo.EmbeddedMongo;
import org.signpost.storage.mongo.Mongo;

/**
 * MongoDB for tests, through the official driver: a real server when {@code MONGODB_URI} is set
 * (so a user with one can prove the stores on it), otherwise the in-process mongo-java-server
 * keeping its data in a file, as the embedded default does.
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
        return Mongo.connect(vertx, uri == null || uri.isBlank() ? Embedded.STORE.connectionString() : uri,
                "signpost_test_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /**
     * The embedded default as the server runs it, in a file (H2) with Signpost's data types, one
     * for all the tests of a run, started when first needed.
     */
    private static final class Embedded {
        static final EmbeddedMongo STORE = start();

        private static EmbeddedMongo start() {
            try {
                Path directory = Files.createTempDirectory("signpost-test-store");
                EmbeddedMongo store = EmbeddedMongo.start(directory.resolve("signpost.mv"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    store.close();
                    try (Stream<Path> files = Files.walk(directory)) {
                        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                    } catch (IOException e) {
                        // A temporary directory left behind.
                    }
                }));
                return store;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
