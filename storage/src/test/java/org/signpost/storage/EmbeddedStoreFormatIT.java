package org.signpost.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.signpost.storage.mongo.EmbeddedMongo;

/**
 * The embedded store's own format (documents as BSON, keys without Java serialisation) through
 * the official driver and across restarts, and a store made in H2's generic format before it,
 * which must still open and read as it did.
 */
class EmbeddedStoreFormatIT {

    @TempDir
    Path directory;

    private static final Date WHEN = new Date(1_764_000_000_000L);

    private static void withStore(Path file, Consumer<MongoCollection<Document>> use) {
        try (EmbeddedMongo store = EmbeddedMongo.start(file); MongoClient client = MongoClients.create(store.connectionString())) {
            use.accept(client.getDatabase("signpost").getCollection("things"));
        }
    }

    private static Document everyKind(String id) {
        return new Document("_id", id).append("text", "ünïcødé ✓ " + id).append("int", 42).append("long", 1L << 40)
                .append("double", 2.5).append("yes", true).append("nothing", null).append("when", WHEN)
                .append("nested", new Document("list", List.of(1, "two", new Document("three", 3))))
                .append("object", new ObjectId("65a1b2c3d4e5f60718293a4b"));
    }

    @Test
    void aNewStoreKeepsEveryKindOfValueAndItsUniqueIndexesAcrossARestart() {
        Path file = directory.resolve("signpost.mv");
        withStore(file, things -> {
            things.createIndex(Indexes.ascending("ref", "kind"), new IndexOptions().unique(true));
            for (String id : List.of("b", "a", "c", "aa", "B")) {
                things.insertOne(everyKind(id).append("ref", "R-" + id).append("kind", 1));
            }
            things.insertOne(new Document("ref", "auto").append("kind", 2));
            things.updateOne(Filters.eq("_id", "a"), Updates.push("nested.list", "four"));
        });
        try (EmbeddedMongo store = EmbeddedMongo.start(file)) {
            assertThat(store.ownFormat()).isTrue();
        }
        withStore(file, things -> {
            Document a = things.find(Filters.eq("_id", "a")).first();
            assertThat(a).isNotNull();
            assertThat(a.getString("text")).isEqualTo("ünïcødé ✓ a");
            assertThat(a.getInteger("int")).isEqualTo(42);
            assertThat(a.getLong("long")).isEqualTo(1L << 40);
            assertThat(a.getDouble("double")).isEqualTo(2.5);
            assertThat(a.getBoolean("yes")).isTrue();
            assertThat(a.containsKey("nothing")).isTrue();
            assertThat(a.getDate("when")).isEqualTo(WHEN);
            assertThat(a.get("nested", Document.class).getList("list", Object.class))
                    .containsExactly(1, "two", new Document("three", 3), "four");
            assertThat(a.getObjectId("object")).isEqualTo(new ObjectId("65a1b2c3d4e5f60718293a4b"));
            // Unsorted, a collection is read in its keys' order: the new key order is the one kept.
            List<Object> ids = new ArrayList<>();
            things.find().forEach(document -> ids.add(document.get("_id")));
            assertThat(ids).hasSize(6).containsSubsequence("B", "a", "aa", "b", "c");
            List<Object> sorted = new ArrayList<>();
            things.find().sort(Sorts.ascending("_id")).forEach(document -> sorted.add(document.get("_id")));
            assertThat(sorted).containsSubsequence("B", "a", "aa", "b", "c");
            assertThat(things.find(Filters.eq("ref", "auto")).first()).isNotNull();
            // The unique indexes still hold: the id's and the compound one.
            assertDuplicate(() -> things.insertOne(new Document("_id", "c")));
            assertDuplicate(() -> things.insertOne(new Document("ref", "R-aa").append("kind", 1)));
            things.insertOne(new Document("ref", "R-aa").append("kind", 2));
            // Keys with a missing value (null in the index key) and with a number.
            things.insertOne(new Document("_id", "no-ref"));
            assertDuplicate(() -> things.insertOne(new Document("_id", "no-ref-either")));
            things.insertOne(new Document("_id", "numbered").append("ref", 7).append("kind", 1));
            assertDuplicate(() -> things.insertOne(new Document("_id", "numbered-again").append("ref", 7).append("kind", 1)));
            assertThat(things.countDocuments()).isEqualTo(9);
            things.deleteOne(Filters.eq("_id", "aa"));
            things.insertOne(new Document("_id", "aa").append("ref", "R-aa").append("kind", 1));
        });
    }

    @Test
    void droppingADatabaseLeavesTheFormatMarked() {
        Path file = directory.resolve("dropped.mv");
        try (EmbeddedMongo store = EmbeddedMongo.start(file); MongoClient client = MongoClients.create(store.connectionString())) {
            client.getDatabase("other").getCollection("things").insertOne(everyKind("other"));
            client.getDatabase("signpost").getCollection("things").insertOne(everyKind("gone"));
            client.getDatabase("signpost").drop();
        }
        try (EmbeddedMongo store = EmbeddedMongo.start(file); MongoClient client = MongoClients.create(store.connectionString())) {
            assertThat(store.ownFormat()).isTrue();
            assertThat(client.getDatabase("other").getCollection("things").find().first().getString("_id")).isEqualTo("other");
        }
    }

    @Test
    void aStoreMadeInTheGenericFormatOpensAndReadsAsBefore() {
        Path file = directory.resolve("old.mv");
        H2Backend old = new H2Backend(file.toString());
        MongoServer server = new MongoServer(old);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> things = client.getDatabase("signpost").getCollection("things");
            things.insertOne(everyKind("kept"));
        } finally {
            server.shutdown();
            old.close();
        }
        try (EmbeddedMongo store = EmbeddedMongo.start(file)) {
            assertThat(store.ownFormat()).isFalse();
        }
        withStore(file, things -> {
            assertThat(things.find(Filters.eq("_id", "kept")).first().getString("text")).isEqualTo("ünïcødé ✓ kept");
            assertDuplicate(() -> things.insertOne(new Document("_id", "kept")));
            things.insertOne(new Document("_id", "new"));
            assertThat(things.countDocuments()).isEqualTo(2);
        });
    }

    private static void assertDuplicate(Runnable insert) {
        assertThatThrownBy(insert::run).isInstanceOf(MongoWriteException.class)
                .satisfies(e -> assertThat(((MongoWriteException) e).getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
    }
}
