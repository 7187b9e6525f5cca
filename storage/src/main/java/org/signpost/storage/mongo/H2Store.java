package org.signpost.storage.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with data types of Signpost's own for the stores it creates.
 *
 * <p>Out of the box the backend keeps every document and index key with H2's generic
 * {@code ObjectDataType}, which Java-serialises what it does not know: every unique-index lookup
 * serialises both keys of each comparison of its binary search, and every commit serialises the
 * documents of every page it writes. Under load that was about a third of the server's CPU
 * (docs/benchmarks.md). Here documents are kept as BSON ({@link H2Documents}) and keys compare and
 * store without serialising ({@link H2Keys}).
 *
 * <p>Both change what is on disk (bytes and the order of index keys), so they are used only for
 * stores created with them, which say so in a map of their own; a store made before keeps H2's
 * types and reads as it always did. An older Signpost cannot open a store made in this format
 * (H2 refuses it at start-up; nothing is damaged).
 */
final class H2Store {

    /**
     * The map saying which format a store was made in. No dot in its name: dropping a database
     * removes every map whose name starts with the database's name and a dot.
     */
    static final String FORMAT_MAP = "signpost-format";
    static final String FORMAT = "signpost-bson-1";

    private H2Store() {
    }

    /** The backend for {@code store}, in Signpost's format if the store is new or was made in it. */
    static H2Backend backend(MVStore store) {
        boolean fresh = store.getMapNames().isEmpty();
        MVMap<String, String> format = store.openMap(FORMAT_MAP);
        if (fresh) {
            format.put("format", FORMAT);
        }
        return FORMAT.equals(format.get("format")) ? new Backend(store) : new H2Backend(store);
    }

    /** Whether {@code backend} keeps data in Signpost's format. */
    static boolean ownFormat(H2Backend backend) {
        return backend instanceof Backend;
    }

    private static final class Backend extends H2Backend {

        /**
         * The store of the database being constructed: its constructor opens the collections
         * already on disk, through the overrides below, before a field of the subclass is set.
         */
        private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

        Backend(MVStore store) {
            super(store);
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            MVStore outer = OPENING.get();
            OPENING.set(getMvStore());
            try {
                return new Database(databaseName, getMvStore(), getCursorRegistry());
            } finally {
                OPENING.set(outer);
            }
        }
    }

    /**
     * Opens each map with Signpost's types just before the backend asks for it by name: the store
     * then hands the backend the map already open. Checked after, so that a backend that names its
     * maps differently fails at start-up instead of silently using the generic types.
     */
    private static final class Database extends H2Database {

        private final MVStore store;

        Database(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
            this.store = store;
        }

        private MVStore store() {
            return store != null ? store : Backend.OPENING.get();
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String name = "databases." + getFullCollectionNamespace(collectionName);
            store().openMap(name, new MVMap.Builder<Object, Object>().keyType(new H2Keys()).valueType(new H2Documents()));
            MongoCollection<Object> collection = super.openOrCreateCollection(collectionName, options);
            requireOwnTypes(name);
            return collection;
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            String name = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            store().openMap(name, new MVMap.Builder<Object, Object>().keyType(new H2Keys()));
            Index<Object> index = super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
            requireOwnTypes(name);
            return index;
        }

        private void requireOwnTypes(String name) {
            if (!(store().openMap(name).getKeyType() instanceof H2Keys)) {
                throw new IllegalStateException("the embedded store's map " + name + " was opened with other types: "
                        + "this version of mongo-java-server names its maps differently from what Signpost expects");
            }
        }
    }
}
