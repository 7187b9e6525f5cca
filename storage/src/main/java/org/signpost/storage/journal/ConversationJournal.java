package org.signpost.storage.journal;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.signpost.core.conversation.StoreUnavailableException;
import org.signpost.core.conversation.TrackerStore;
import org.signpost.core.event.ConversationEvent;
import org.signpost.storage.Batches;
import org.signpost.storage.CallerContext;
import org.signpost.storage.EncodedAppends;
import org.signpost.storage.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversations' event logs in append-only files of a directory: the embedded default's tracker
 * store, for one process (it locks the directory). Each append is one {@link JournalRecord} at the
 * end of the newest file; an index in memory says where each conversation's records are, so a
 * load reads just those. The files are read once, at start, to build the index.
 *
 * <p>Why not the embedded MongoDB-compatible store, like the other data: a turn appended there
 * went through the MongoDB wire protocol, mongo-java-server's commands and H2's pages (every
 * commit re-encodes each page it touches), which was about 60% of the server's processor time per
 * message in the load benchmark and most of its memory (docs/benchmarks.md). Here an append costs
 * one encoding and, shared with every append waiting then, one write.
 *
 * <p>Durability is the embedded store's: an append completes once the file holds it (written, not
 * forced to the disk), so it survives the process being killed, not the machine losing power. One
 * writer thread writes the appends that wait, in arrival order, as one batch; retention and
 * compaction run on it too, so the index changes on one thread only. A batch cut short by a crash
 * leaves a damaged last record, which the next start cuts off (it was never acknowledged).
 *
 * <p>Retention writes a {@link JournalRecord.Forget} (so that the next start forgets the same
 * conversations) and drops them from the index; a file less than half of which is still wanted is
 * then rewritten without the rest, under another name, and renamed over the original, which a
 * crash leaves whole either way.
 */
public final class ConversationJournal implements EncodedAppends, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationJournal.class);
    private static final Pattern FILE_NAME = Pattern.compile("(\\d{8})\\.journal");
    private static final String REWRITING = ".rewriting";
    /** A new file is begun past this size, so that rewriting one after retention stays short. */
    static final long FILE_BYTES = 64L << 20;
    /** A file with less than this share still wanted is rewritten after retention. */
    static final double REWRITE_BELOW = 0.5;
    /** Appends per write: many, since they share one system call; few enough not to wait long. */
    private static final int MAX_BATCH = 1_000;
    /** The largest batch buffer kept for the next batch. */
    private static final int KEPT_BATCH_BYTES = 4 << 20;

    private final Vertx vertx;
    private final Path directory;
    private final long fileBytes;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final Map<String, Located> conversations = new ConcurrentHashMap<>();
    /**
     * The files by number, the last one written to: changed on the writer thread only, under
     * {@link #files}' write lock; read elsewhere under its read lock.
     */
    private final TreeMap<Integer, JournalFile> byNumber = new TreeMap<>();
    private final ReadWriteLock files = new ReentrantReadWriteLock();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "signpost-journal-write");
        thread.setDaemon(true);
        return thread;
    });
    private final Batches<Append> waiting = new Batches<>(MAX_BATCH);
    /** Reused by every batch, on the writer thread ({@link #batchBytes}). */
    private JournalRecord.Bytes batchBytes = new JournalRecord.Bytes();
    /** Set (on the writer thread) when a failed write could not be undone: nothing more is written. */
    private volatile IOException broken;

    /** One append; {@code encoded} is null until the writer encodes the events, unless the caller did. */
    private record Append(String conversationId, List<ConversationEvent> events, List<String> encoded, Promise<Void> done,
            CallerContext caller) {

        void settle(Throwable failure) {
            caller.settle(done, null, failure);
        }
    }

    private ConversationJournal(Vertx vertx, Path directory, long fileBytes, FileChannel lockFile, FileLock lock) {
        this.vertx = vertx;
        this.directory = directory;
        this.fileBytes = fileBytes;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /**
     * Opens the journal in {@code directory} (made if missing) and reads it into the index.
     * Blocking. Fails, naming the file and byte, if a file other than the last is damaged.
     */
    public static ConversationJournal open(Vertx vertx, Path directory) {
        return open(vertx, directory, FILE_BYTES);
    }

    /** @param fileBytes the size past which a new file is begun */
    static ConversationJournal open(Vertx vertx, Path directory, long fileBytes) {
        try {
            Files.createDirectories(directory);
            FileChannel lockFile = FileChannel.open(directory.resolve("journal.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockFile.tryLock();
            } catch (OverlappingFileLockException inThisProcess) {
                lock = null;
            }
            if (lock == null) {
                lockFile.close();
                throw new IllegalStateException("the conversation journal in " + directory
                        + " is in use by another process (another Signpost on the same data directory?)");
            }
            ConversationJournal journal = new ConversationJournal(vertx, directory, fileBytes, lockFile, lock);
            try {
                journal.readAll();
            } catch (RuntimeException | IOException e) {
                journal.close();
                throw e;
            }
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the conversation journal in " + directory + ": " + e.getMessage(), e);
        }
    }

    private void readAll() throws IOException {
        long started = System.nanoTime();
        List<Integer> numbers = new ArrayList<>();
        try (var listing = Files.list(directory)) {
            for (Path file : listing.toList()) {
                String name = file.getFileName().toString();
                Matcher matcher = FILE_NAME.matcher(name);
                if (matcher.matches()) {
                    numbers.add(Integer.parseInt(matcher.group(1)));
                } else if (name.endsWith(REWRITING)) {
                    // A rewrite a crash cut short: the original it was to replace is still there, whole.
                    Files.delete(file);
                }
            }
        }
        numbers.sort(null);
        long turns = 0;
        for (int i = 0; i < numbers.size(); i++) {
            JournalFile file = JournalFile.open(path(numbers.get(i)), numbers.get(i));
            byNumber.put(file.number(), file);
            turns += file.replay(i == numbers.size() - 1,
                    (record, offset, bytes) -> replayed(record, Located.location(file.number(), offset), bytes.remaining()));
        }
        if (byNumber.isEmpty()) {
            byNumber.put(1, JournalFile.open(path(1), 1));
        }
        long bytes = byNumber.values().stream().mapToLong(JournalFile::size).sum();
        LOG.info("Conversation journal: {} conversations kept ({} turns read, {} MiB in {} files) in {} ms",
                conversations.size(), turns, bytes >> 20, byNumber.size(), (System.nanoTime() - started) / 1_000_000);
    }

    private void replayed(JournalRecord record, long location, int size) {
        if (record instanceof JournalRecord.Turn turn) {
            locate(turn.conversationId(), location, size, turn.lastEventAt());
        } else if (record instanceof JournalRecord.Forget forget) {
            forgetIdleBefore(forget.cutoff());
        }
    }

    private Path path(int number) {
        return directory.resolve(String.format("%08d.journal", number));
    }

    @Override
    public Future<List<ConversationEvent>> load(String conversationId) {
        Located located = conversations.get(conversationId);
        if (located == null) {
            return Future.succeededFuture(List.of());
        }
        return vertx.executeBlocking(() -> read(conversationId), false);
    }

    private List<ConversationEvent> read(String conversationId) throws IOException {
        List<String> encoded = new ArrayList<>();
        files.readLock().lock();
        try {
            Located located = conversations.get(conversationId);
            if (located == null) {
                return List.of();
            }
            Located.Records records = located.records();
            for (int i = 0; i < records.count(); i++) {
                JournalFile file = byNumber.get(Located.file(records.locations()[i]));
                try {
                    JournalRecord.Turn turn = (JournalRecord.Turn) file.read(Located.offset(records.locations()[i]),
                            records.sizes()[i]);
                    encoded.addAll(turn.events());
                } catch (JournalRecord.DamagedException | ClassCastException e) {
                    throw new IOException("the conversation journal's " + file.path().getFileName() + " is damaged at byte "
                            + Located.offset(records.locations()[i]) + ": " + e.getMessage());
                }
            }
        } finally {
            files.readLock().unlock();
        }
        return EventCodec.decodeAll(encoded);
    }

    @Override
    public Future<Void> append(String conversationId, List<ConversationEvent> events) {
        return append(conversationId, events, null);
    }

    @Override
    public Future<Void> append(String conversationId, List<ConversationEvent> events, List<String> encoded) {
        if (events.isEmpty()) {
            return Future.succeededFuture();
        }
        Append append = new Append(conversationId, List.copyOf(events), encoded, Promise.promise(), CallerContext.current());
        if (waiting.add(append)) {
            startWriting(append.caller());
        }
        return append.done().future();
    }

    /**
     * Wakes the writer for the appends now waiting. Called from an event loop, only once the loop
     * has handled everything else it read: the turns it runs meanwhile add to the same batch, and
     * the writer is woken once for them all rather than once each. Waking it, and the write each
     * wake-up made, were 9% of the server's processor time at 20,000 messages/s in a profile, and
     * 3.6% after this.
     */
    private void startWriting(CallerContext caller) {
        Optional<Context> loop = caller.context().filter(Context::isEventLoopContext);
        if (loop.isPresent()) {
            try {
                loop.get().runOnContext(nothing -> wakeWriter());
                return;
            } catch (RuntimeException closing) {
                // Vert.x is closing: wake the writer from here.
            }
        }
        wakeWriter();
    }

    private void wakeWriter() {
        try {
            writer.execute(this::writeWaiting);
        } catch (RuntimeException closed) {
            waiting.drain().forEach(each -> each.settle(unavailable(new IOException("the journal is closed"))));
        }
    }

    /** On the writer thread: writes what waits, a batch at a time, until nothing does. */
    private void writeWaiting() {
        for (List<Append> batch = waiting.next(); !batch.isEmpty(); batch = waiting.next()) {
            write(batch);
        }
    }

    private void write(List<Append> batch) {
        if (broken != null) {
            batch.forEach(append -> append.settle(unavailable(broken)));
            return;
        }
        JournalRecord.Bytes bytes = batchBytes();
        List<Append> written = new ArrayList<>(batch.size());
        int[] starts = new int[batch.size()];
        // A batch whose appends all came encoded (by DurableTrackerStore, for Redis too) needs no encoder.
        boolean toEncode = batch.stream().anyMatch(append -> append.encoded() == null);
        try (EventCodec.Utf8Writer writer = toEncode ? new EventCodec.Utf8Writer(bytes) : null) {
            for (Append append : batch) {
                int start = bytes.length();
                try {
                    List<ConversationEvent> events = append.events();
                    if (append.encoded() != null) {
                        JournalRecord.write(new JournalRecord.Turn(append.conversationId(),
                                events.get(events.size() - 1).at().toEpochMilli(), append.encoded()), bytes);
                    } else {
                        JournalRecord.writeTurn(append.conversationId(), events, writer, bytes);
                    }
                    starts[written.size()] = start;
                    written.add(append);
                } catch (RuntimeException e) {
                    // This append alone cannot be kept (too large, or too long an id); it wrote nothing.
                    append.settle(e);
                }
            }
        }
        if (written.isEmpty()) {
            return;
        }
        JournalFile file;
        long at;
        try {
            file = fileToWrite();
            at = appendTo(file, bytes);
        } catch (IOException e) {
            written.forEach(append -> append.settle(unavailable(e)));
            return;
        }
        for (int i = 0; i < written.size(); i++) {
            int end = i + 1 < written.size() ? starts[i + 1] : bytes.length();
            Append append = written.get(i);
            List<ConversationEvent> events = append.events();
            locate(append.conversationId(), Located.location(file.number(), at + starts[i]), end - starts[i],
                    events.get(events.size() - 1).at().toEpochMilli());
        }
        written.forEach(append -> append.settle(null));
    }

    /**
     * The buffer a batch is encoded into, emptied: one for every batch, on the writer thread. A
     * new one for each was garbage the size of the batch, and at 20,000 messages/s batches of a
     * few hundred kilobytes were allocated outside the young generation (a GC log: over 100
     * collections in 10 s started by such allocations). One that a burst made larger than
     * {@link #KEPT_BATCH_BYTES} is let go.
     */
    private JournalRecord.Bytes batchBytes() {
        if (batchBytes.capacity() > KEPT_BATCH_BYTES) {
            batchBytes = new JournalRecord.Bytes();
        }
        batchBytes.truncate(0);
        return batchBytes;
    }

    /** Appends {@code bytes} to {@code file}; a failure it could not take back stops every later write. */
    private long appendTo(JournalFile file, JournalRecord.Bytes bytes) throws IOException {
        try {
            return file.append(bytes.asBuffer());
        } catch (JournalFile.CannotUndoException e) {
            broken = e;
            LOG.error("Conversation journal: a failed write could not be taken back; nothing more is written until a restart: {}",
                    e.getMessage());
            throw e;
        }
    }

    /** The file to append to: the last, or a new one once it is full. On the writer thread. */
    private JournalFile fileToWrite() throws IOException {
        JournalFile last = byNumber.lastEntry().getValue();
        if (last.size() < fileBytes) {
            return last;
        }
        JournalFile next = JournalFile.open(path(last.number() + 1), last.number() + 1);
        files.writeLock().lock();
        try {
            byNumber.put(next.number(), next);
        } finally {
            files.writeLock().unlock();
        }
        return next;
    }

    private StoreUnavailableException unavailable(IOException cause) {
        return new StoreUnavailableException("the conversation journal", cause);
    }

    private void locate(String conversationId, long location, int size, long lastEventAt) {
        conversations.computeIfAbsent(conversationId, id -> new Located()).add(location, size, lastEventAt);
        byNumber.get(Located.file(location)).addWanted(size);
    }

    /**
     * Copies every conversation of {@code earlier} into this journal, in the order of its events.
     * Blocking, for start-up, before anything else is appended (a conversation already here would
     * be doubled). Logs progress, with counts only.
     *
     * @return how many conversations were copied
     */
    public int importAll(TrackerStore earlier) {
        List<String> ids = join(earlier.conversationIds());
        long started = System.nanoTime();
        for (int i = 0; i < ids.size(); i++) {
            List<ConversationEvent> events = join(earlier.load(ids.get(i)));
            join(append(ids.get(i), events));
            if ((i + 1) % 10_000 == 0) {
                LOG.info("Conversation journal: {} of {} conversations copied from the embedded store", i + 1, ids.size());
            }
        }
        LOG.info("Conversation journal: {} conversations copied from the embedded store in {} ms", ids.size(),
                (System.nanoTime() - started) / 1_000_000);
        return ids.size();
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().join();
        } catch (CompletionException e) {
            throw new IllegalStateException("copying conversations into the journal failed: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /** Deletes the journal's files in {@code directory}, if any (not while it is open). */
    public static void deleteFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var listing = Files.list(directory)) {
            for (Path file : listing.toList()) {
                String name = file.getFileName().toString();
                if (FILE_NAME.matcher(name).matches() || name.endsWith(REWRITING)) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clear the conversation journal in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Future<List<String>> conversationIds() {
        return Future.succeededFuture(List.copyOf(conversations.keySet()));
    }

    @Override
    public Future<Integer> deleteIdleSince(Instant cutoff) {
        Promise<Integer> deleted = Promise.promise();
        CallerContext caller = CallerContext.current();
        try {
            writer.execute(() -> {
                try {
                    caller.settle(deleted, forgetDurably(cutoff.toEpochMilli()), null);
                } catch (IOException | RuntimeException e) {
                    caller.settle(deleted, null, e);
                }
            });
        } catch (RuntimeException closed) {
            return Future.failedFuture(closed);
        }
        return deleted.future();
    }

    /** On the writer thread: records the retention pass, applies it, then rewrites files mostly unwanted. */
    private int forgetDurably(long cutoff) throws IOException {
        if (broken != null) {
            throw broken;
        }
        JournalRecord.Bytes bytes = new JournalRecord.Bytes();
        JournalRecord.write(new JournalRecord.Forget(cutoff), bytes);
        appendTo(fileToWrite(), bytes);
        int forgotten = forgetIdleBefore(cutoff);
        JournalFile last = byNumber.lastEntry().getValue();
        for (JournalFile file : List.copyOf(byNumber.values())) {
            if (file != last && file.wanted() < file.size() * REWRITE_BELOW) {
                rewrite(file);
            }
        }
        return forgotten;
    }

    private int forgetIdleBefore(long cutoff) {
        int forgotten = 0;
        for (Map.Entry<String, Located> entry : conversations.entrySet()) {
            // Only what is forgotten is copied: retention looks at every conversation.
            if (entry.getValue().lastEventAt() < cutoff && conversations.remove(entry.getKey(), entry.getValue())) {
                forgotten++;
                Located.Records records = entry.getValue().records();
                for (int i = 0; i < records.count(); i++) {
                    byNumber.get(Located.file(records.locations()[i])).addWanted(-records.sizes()[i]);
                }
            }
        }
        return forgotten;
    }

    /**
     * Rewrites {@code file} with only its records still wanted (every retention record stays: it
     * may be what forgets the records of an older file not rewritten yet), under another name,
     * then renames it over the original and moves the index to it. On the writer thread.
     */
    private void rewrite(JournalFile file) throws IOException {
        Map<Long, Located> wanted = new HashMap<>();
        conversations.values().forEach(located ->
                located.records().forEachIn(file.number(), location -> wanted.put(location, located)));
        Path rewriting = file.path().resolveSibling(file.path().getFileName() + REWRITING);
        Map<Long, Long> moved = new HashMap<>();
        try (FileChannel out = FileChannel.open(rewriting, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            long[] written = {0};
            file.forEachRecord((record, offset, bytes) -> {
                long location = Located.location(file.number(), offset);
                if (record instanceof JournalRecord.Forget || wanted.containsKey(location)) {
                    moved.put(location, Located.location(file.number(), written[0]));
                    while (bytes.hasRemaining()) {
                        written[0] += out.write(bytes);
                    }
                }
            });
            out.force(true);
        }
        long before = file.size();
        files.writeLock().lock();
        try {
            if (moved.isEmpty()) {
                // Nothing of it is wanted, not even a retention record: the file goes.
                file.close();
                Files.delete(file.path());
                Files.delete(rewriting);
                byNumber.remove(file.number());
                LOG.info("Conversation journal: removed {}, all of it forgotten by retention", file.path().getFileName());
                return;
            }
            Files.move(rewriting, file.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            JournalFile rewritten = JournalFile.open(file.path(), file.number());
            file.close();
            wanted.forEach((location, located) -> located.move(location, moved.get(location)));
            rewritten.addWanted(file.wanted());
            byNumber.put(file.number(), rewritten);
        } finally {
            files.writeLock().unlock();
        }
        LOG.info("Conversation journal: rewrote {} without what retention forgot ({} KiB to {} KiB)",
                file.path().getFileName(), before >> 10, byNumber.get(file.number()).size() >> 10);
    }

    /** How many conversations the journal keeps; fails once a failed write could not be taken back. */
    public Future<String> status() {
        IOException failure = broken;
        if (failure != null) {
            return Future.failedFuture(unavailable(failure));
        }
        int kept = conversations.size();
        return Future.succeededFuture(kept + (kept == 1 ? " conversation kept" : " conversations kept"));
    }

    /** Waits for what is being written, then closes the files. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Conversation journal: writes still under way at close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        files.writeLock().lock();
        try {
            for (JournalFile file : byNumber.values()) {
                file.close();
            }
            byNumber.clear();
            lock.release();
            lockFile.close();
        } catch (IOException e) {
            LOG.warn("Conversation journal: closing failed: {}", e.getMessage());
        } finally {
            files.writeLock().unlock();
        }
    }

    /** Where a conversation's records are, in order, and when its last event was. Thread-safe. */
    private static final class Located {
        private long[] locations = new long[4];
        private int[] sizes = new int[4];
        private int count;
        private long lastEventAt;

        /** A file number and an offset in it, as one long. */
        static long location(int file, long offset) {
            return ((long) file << 40) | offset;
        }

        static int file(long location) {
            return (int) (location >>> 40);
        }

        static long offset(long location) {
            return location & ((1L << 40) - 1);
        }

        record Records(long[] locations, int[] sizes, int count) {

            void forEachIn(int file, LongConsumer each) {
                for (int i = 0; i < count; i++) {
                    if (file(locations[i]) == file) {
                        each.accept(locations[i]);
                    }
                }
            }
        }

        synchronized void add(long location, int size, long lastEventAt) {
            if (count == locations.length) {
                locations = Arrays.copyOf(locations, count * 2);
                sizes = Arrays.copyOf(sizes, count * 2);
            }
            locations[count] = location;
            sizes[count++] = size;
            this.lastEventAt = lastEventAt;
        }

        synchronized long lastEventAt() {
            return lastEventAt;
        }

        synchronized Records records() {
            return new Records(Arrays.copyOf(locations, count), Arrays.copyOf(sizes, count), count);
        }

        synchronized void move(long from, long to) {
            for (int i = 0; i < count; i++) {
                if (locations[i] == from) {
                    locations[i] = to;
                    return;
                }
            }
        }
    }
}
