package org.signpost.storage.mongo;

import java.util.function.Consumer;

/**
 * When a write that the server has acknowledged is durable: at once on a MongoDB server, at the
 * next commit of the embedded store's file ({@link EmbeddedMongo}).
 */
public interface Durability {

    /**
     * A MongoDB server's: an acknowledged write is as durable as the write concern it was
     * acknowledged under (for a replica set, {@code w=majority&journal=true} in the URI).
     */
    Durability ACKNOWLEDGED = new Durability() {
        @Override
        public void commit() {
        }

        @Override
        public void afterCommit(Consumer<Throwable> done) {
            done.accept(null);
        }
    };

    /** Makes every write acknowledged so far durable. Blocking: worker threads only. */
    void commit();

    /**
     * Calls {@code done}, on any thread, once every write acknowledged before this call is
     * durable: with null, or with the failure that kept it from being so. Never blocks, so a
     * writer need not hold a thread while it waits for a commit.
     */
    void afterCommit(Consumer<Throwable> done);
}
