package org.signpost.storage.journal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file of a conversation journal: records appended at its end, read back by offset or in
 * order. Appends come from one thread at a time; reads by offset from any.
 */
final class JournalFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalFile.class);

    /** A failed write whose bytes could not be taken back: the file's end is unknown. */
    static final class CannotUndoException extends IOException {
        CannotUndoException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Told each record of a scan: what it is, where it starts and its bytes (header and body). */
    interface RecordVisitor {
        void visit(JournalRecord record, long offset, ByteBuffer bytes) throws IOException;
    }

    private final Path path;
    private final int number;
    private final FileChannel channel;
    private volatile long size;
    /** Bytes of the records still in use (turns of conversations kept). */
    private long wanted;

    private JournalFile(Path path, int number, FileChannel channel) throws IOException {
        this.path = path;
        this.number = number;
        this.channel = channel;
        this.size = channel.size();
    }

    static JournalFile open(Path path, int number) throws IOException {
        return new JournalFile(path, number,
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    Path path() {
        return path;
    }

    int number() {
        return number;
    }

    long size() {
        return size;
    }

    synchronized long wanted() {
        return wanted;
    }

    synchronized void addWanted(long bytes) {
        wanted += bytes;
    }

    /**
     * Writes {@code bytes} at the end; returns where they start. A write that fails is taken back,
     * so the file never ends in part of a batch; if that fails too, {@link CannotUndoException}.
     */
    long append(ByteBuffer bytes) throws IOException {
        long at = size;
        long end = at;
        try {
            while (bytes.hasRemaining()) {
                end += channel.write(bytes, end);
            }
        } catch (IOException e) {
            try {
                channel.truncate(at);
            } catch (IOException undo) {
                e.addSuppressed(undo);
                throw new CannotUndoException(e);
            }
            throw e;
        }
        size = end;
        return at;
    }

    /** The record of {@code length} bytes (header included) at {@code offset}, with its events. */
    JournalRecord read(long offset, int length) throws IOException, JournalRecord.DamagedException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        long at = offset;
        while (bytes.hasRemaining()) {
            int read = channel.read(bytes, at);
            if (read < 0) {
                throw new JournalRecord.DamagedException("a record past the end of the file");
            }
            at += read;
        }
        return JournalRecord.read(bytes.flip(), true);
    }

    /**
     * Reads the records in order (turns without their events) at start. In the last file, damage
     * is a batch that a crash cut short, never acknowledged: the file is cut back to before it.
     * Anywhere else it is reported with the file and the byte it starts at.
     *
     * @return how many turns were read
     */
    long replay(boolean last, RecordVisitor visitor) throws IOException {
        long[] turns = {0};
        RecordVisitor counting = (record, offset, bytes) -> {
            if (record instanceof JournalRecord.Turn) {
                turns[0]++;
            }
            visitor.visit(record, offset, bytes);
        };
        try {
            scan(false, counting);
        } catch (Damaged damaged) {
            if (!last) {
                throw new IOException("the conversation journal's " + path + " is damaged at byte " + damaged.offset
                        + " (" + damaged.getMessage() + "); move the file aside to start without what it holds");
            }
            LOG.warn("Conversation journal: {} ended in an unfinished write ({}); cut back from byte {} to {}",
                    path.getFileName(), damaged.getMessage(), size, damaged.offset);
            channel.truncate(damaged.offset);
            size = damaged.offset;
        }
        return turns[0];
    }

    /** Every record in order, with its events; the file must not be damaged. */
    void forEachRecord(RecordVisitor visitor) throws IOException {
        try {
            scan(true, visitor);
        } catch (Damaged damaged) {
            throw new IOException(path + " is damaged at byte " + damaged.offset + ": " + damaged.getMessage());
        }
    }

    /** Damage found by a scan, and where. */
    private static final class Damaged extends Exception {
        final long offset;

        Damaged(long offset, String why) {
            super(why);
            this.offset = offset;
        }
    }

    private void scan(boolean withEvents, RecordVisitor visitor) throws IOException, Damaged {
        long end = size;
        long offset = 0;
        InputStream stream = Channels.newInputStream(channel.position(0));
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
        while (offset < end) {
            byte[] header = new byte[JournalRecord.HEADER_BYTES];
            try {
                in.readFully(header);
                int length = JournalRecord.bodyLength(ByteBuffer.wrap(header));
                if (length > end - offset - JournalRecord.HEADER_BYTES) {
                    throw new Damaged(offset, "a record cut short");
                }
                byte[] bytes = new byte[JournalRecord.HEADER_BYTES + length];
                System.arraycopy(header, 0, bytes, 0, header.length);
                in.readFully(bytes, header.length, length);
                JournalRecord record = JournalRecord.read(ByteBuffer.wrap(bytes), withEvents);
                visitor.visit(record, offset, ByteBuffer.wrap(bytes));
                offset += bytes.length;
            } catch (EOFException e) {
                throw new Damaged(offset, "a record cut short");
            } catch (JournalRecord.DamagedException e) {
                throw new Damaged(offset, e.getMessage());
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
