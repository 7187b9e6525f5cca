package org.signpost.storage.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.h2.mvstore.MVStore;

/**
 * The embedded default: a MongoDB-compatible server inside the process (mongo-java-server),
 * keeping its data in one H2 file, reached through the same driver and stores as a real
 * MongoDB. It listens on a loopback port only.
 */
public final class EmbeddedMongo implements Durability, AutoCloseable {

    /**
     * Smaller pages than H2's (48 keys, 16 KiB): a commit writes every page a write touched, whole,
     * and Signpost's writes are small and scattered (a person's record, a message), so smaller
     * pages mean less written per commit. Measured with {@code ./scripts/bench whatsapp}
     * (docs/benchmarks.md); the page size is not part of the file format.
     */
    static final int KEYS_PER_PAGE = 16;
    static final int PAGE_SPLIT_BYTES = 4096;

    private final MongoServer server;
    private final H2Backend backend;
    private final String connectionString;
    /** Who waits for the next commit ({@link #afterCommit}); guarded by itself. */
    private final List<Consumer<Throwable>> waiting = new ArrayList<>();
    private boolean committerBusy;
    private final ExecutorService committer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "signpost-store-commit");
        thread.setDaemon(true);
        return thread;
    });

    private EmbeddedMongo(MongoServer server, H2Backend backend) {
        this.server = server;
        this.backend = backend;
        this.connectionString = "mongodb://127.0.0.1:" + server.bind().getPort();
    }

    /** Starts a server keeping its data in {@code file} (created, with its folder, when missing). */
    public static EmbeddedMongo start(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent(), e);
        }
        MVStore store = new MVStore.Builder().fileName(file.toAbsolutePath().toString())
                .keysPerPage(KEYS_PER_PAGE).pageSplitSize(PAGE_SPLIT_BYTES).open();
        try {
            H2Backend backend = H2Store.backend(store);
            return new EmbeddedMongo(new MongoServer(backend), backend);
        } catch (RuntimeException e) {
            // Closed, or the file stays locked until the process ends.
            store.closeImmediately();
            throw e;
        }
    }

    /** Whether the store keeps its data in Signpost's format ({@link H2Store}), not H2's generic one. */
    public boolean ownFormat() {
        return H2Store.ownFormat(backend);
    }

    public String connectionString() {
        return connectionString;
    }

    /**
     * Makes every write made so far durable in the file: waits for the committer's next commit
     * ({@link #afterCommit}), which it shares with every other writer waiting then.
     */
    @Override
    public void commit() {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        afterCommit(failure -> {
            if (failure == null) {
                committed.complete(null);
            } else {
                committed.completeExceptionally(failure);
            }
        });
        try {
            committed.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /**
     * Group commit without a waiting thread: one committer commits as long as anyone waits, each
     * commit covering everyone who asked before it began. A writer holding a worker thread through
     * a commit of several milliseconds would otherwise make the worker pool, not the processor,
     * the limit on how many writes a second the store takes.
     */
    @Override
    public void afterCommit(Consumer<Throwable> done) {
        boolean start;
        synchronized (waiting) {
            waiting.add(done);
            start = !committerBusy;
            committerBusy = true;
        }
        if (start) {
            try {
                committer.execute(this::commitWhileWaited);
            } catch (RejectedExecutionException closed) {
                List<Consumer<Throwable>> unanswered;
                synchronized (waiting) {
                    unanswered = List.copyOf(waiting);
                    waiting.clear();
                    committerBusy = false;
                }
                unanswered.forEach(waiter -> waiter.accept(new IllegalStateException("the embedded store is closed", closed)));
            }
        }
    }

    private void commitWhileWaited() {
        while (true) {
            List<Consumer<Throwable>> batch;
            synchronized (waiting) {
                if (waiting.isEmpty()) {
                    committerBusy = false;
                    return;
                }
                batch = List.copyOf(waiting);
                waiting.clear();
            }
            Throwable failure = null;
            try {
                backend.commit();
            } catch (Throwable e) {
                failure = e;
            }
            for (Consumer<Throwable> done : batch) {
                try {
                    done.accept(failure);
                } catch (RuntimeException e) {
                    // One waiter's failure to hear must not keep the others, or later commits, waiting.
                }
            }
        }
    }

    @Override
    public void close() {
        // Commits under way finish first: their waiters hear the truth, not a closed store.
        committer.shutdown();
        try {
            committer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdown();
        backend.close();
    }
}
