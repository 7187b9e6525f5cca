package org.signpost.storage.journal;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.signpost.core.event.ConversationEvent;
import org.signpost.storage.EventCodec;

/**
 * One record of a conversation journal's file, and its bytes: {@code [body length][CRC-32C of the
 * body][body]}, big-endian, the body starting with its kind. The checksum tells a record cut short
 * or damaged from a good one, which the length alone cannot.
 *
 * <ul>
 *   <li>A turn: {@code 1, [id length: short][id: UTF-8][last event: epoch ms][events: int]} then
 *       each event as {@code [length: int][UTF-8]} (the events are {@code EventCodec}'s JSON).
 *   <li>A retention pass: {@code 2, [cutoff: epoch ms]}: every conversation whose last event was
 *       before the cutoff at this point of the journal is forgotten.
 * </ul>
 */
sealed interface JournalRecord {

    int HEADER_BYTES = 8;
    /** Larger than any turn Signpost writes by far; a length past it is damage, not a record. */
    int MAX_BODY_BYTES = 64 << 20;
    byte TURN = 1;
    byte FORGET = 2;

    /** A conversation's events of one append. */
    record Turn(String conversationId, long lastEventAt, List<String> events) implements JournalRecord {
    }

    /** Conversations whose last event is before {@code cutoff} are gone from here on. */
    record Forget(long cutoff) implements JournalRecord {
    }

    /** Why bytes are not a record, said without quoting what they hold (conversations are health data). */
    final class DamagedException extends Exception {
        DamagedException(String why) {
            super(why);
        }
    }

    /** Appends the record's bytes to {@code out}; returns how many. */
    static int write(JournalRecord record, Bytes out) {
        return framed(out, () -> {
            if (record instanceof Turn turn) {
                turnStart(turn.conversationId(), turn.lastEventAt(), turn.events().size(), out);
                for (String event : turn.events()) {
                    byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
                    out.putInt(bytes.length);
                    out.put(bytes);
                }
            } else if (record instanceof Forget forget) {
                out.put(FORGET);
                out.putLong(forget.cutoff());
            }
        });
    }

    /**
     * Appends a turn's record to {@code out}, its events encoded there as they are written, by
     * {@code writer} (which writes to {@code out}); returns how many bytes. The same bytes as
     * {@link #write} of the turn with its events encoded first.
     */
    static int writeTurn(String conversationId, List<ConversationEvent> events, EventCodec.Utf8Writer writer, Bytes out) {
        return framed(out, () -> {
            turnStart(conversationId, events.get(events.size() - 1).at().toEpochMilli(), events.size(), out);
            for (ConversationEvent event : events) {
                out.putInt(0);
                int begin = out.length();
                writer.write(event);
                out.setInt(begin - 4, out.length() - begin);
            }
        });
    }

    private static void turnStart(String conversationId, long lastEventAt, int events, Bytes out) {
        out.put(TURN);
        byte[] id = conversationId.getBytes(StandardCharsets.UTF_8);
        if (id.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("a conversation id is longer than " + Short.MAX_VALUE + " bytes");
        }
        out.putShort((short) id.length);
        out.put(id);
        out.putLong(lastEventAt);
        out.putInt(events);
    }

    /** Appends a record's header and the body {@code body} writes, or nothing if it throws; returns how many bytes. */
    private static int framed(Bytes out, Runnable body) {
        int start = out.length();
        out.putInt(0);
        out.putInt(0);
        int bodyStart = out.length();
        try {
            body.run();
        } catch (RuntimeException e) {
            out.truncate(start);
            throw e;
        }
        int bodyLength = out.length() - bodyStart;
        if (bodyLength > MAX_BODY_BYTES) {
            out.truncate(start);
            throw new IllegalArgumentException("a turn of " + bodyLength + " bytes is more than a journal record may hold");
        }
        out.setInt(start, bodyLength);
        out.setInt(start + 4, crc(out.array(), bodyStart, bodyLength));
        return out.length() - start;
    }

    /** The body length a record's header gives, checked for sense. */
    static int bodyLength(ByteBuffer header) throws DamagedException {
        int length = header.getInt(header.position());
        if (length < 1 || length > MAX_BODY_BYTES) {
            throw new DamagedException("a record length of " + length + " bytes");
        }
        return length;
    }

    /**
     * Reads the record whose header and whole body are {@code bytes} (from its position to its limit).
     * Only the header and, for a turn, its id and time are read unless {@code withEvents}.
     */
    static JournalRecord read(ByteBuffer bytes, boolean withEvents) throws DamagedException {
        int length = bodyLength(bytes);
        int expectedCrc = bytes.getInt(bytes.position() + 4);
        int body = bytes.position() + HEADER_BYTES;
        if (bytes.limit() - body != length) {
            throw new DamagedException("a record of " + length + " bytes with " + (bytes.limit() - body) + " to read");
        }
        if (crc(bytes.array(), bytes.arrayOffset() + body, length) != expectedCrc) {
            throw new DamagedException("a record whose checksum does not match");
        }
        ByteBuffer in = bytes.duplicate().position(body);
        try {
            byte kind = in.get();
            if (kind == FORGET) {
                return new Forget(in.getLong());
            }
            if (kind != TURN) {
                throw new DamagedException("a record of unknown kind " + kind);
            }
            byte[] id = new byte[in.getShort()];
            in.get(id);
            long last = in.getLong();
            int count = in.getInt();
            if (!withEvents) {
                return new Turn(new String(id, StandardCharsets.UTF_8), last, List.of());
            }
            List<String> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int eventLength = in.getInt();
                events.add(new String(in.array(), in.arrayOffset() + in.position(), eventLength, StandardCharsets.UTF_8));
                in.position(in.position() + eventLength);
            }
            return new Turn(new String(id, StandardCharsets.UTF_8), last, events);
        } catch (RuntimeException e) {
            // A checksum that matches over nonsense: a writer's bug, reported like damage.
            throw new DamagedException("a record that does not read as one (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** A growable big-endian byte buffer for a batch of records. */
    final class Bytes extends OutputStream {
        private byte[] bytes = new byte[4096];
        private int length;

        int length() {
            return length;
        }

        int capacity() {
            return bytes.length;
        }

        byte[] array() {
            return bytes;
        }

        void truncate(int to) {
            length = to;
        }

        ByteBuffer asBuffer() {
            return ByteBuffer.wrap(bytes, 0, length);
        }

        void put(byte value) {
            room(1);
            bytes[length++] = value;
        }

        @Override
        public void write(int value) {
            put((byte) value);
        }

        @Override
        public void write(byte[] values, int offset, int count) {
            room(count);
            System.arraycopy(values, offset, bytes, length, count);
            length += count;
        }

        void put(byte[] values) {
            write(values, 0, values.length);
        }

        void putShort(short value) {
            room(2);
            bytes[length++] = (byte) (value >> 8);
            bytes[length++] = (byte) value;
        }

        void putInt(int value) {
            room(4);
            setInt(length, value);
            length += 4;
        }

        void putLong(long value) {
            putInt((int) (value >>> 32));
            putInt((int) value);
        }

        /** Big-endian, in place: a batch writes a few of these per event, so no buffer is made for each. */
        void setInt(int at, int value) {
            bytes[at] = (byte) (value >>> 24);
            bytes[at + 1] = (byte) (value >>> 16);
            bytes[at + 2] = (byte) (value >>> 8);
            bytes[at + 3] = (byte) value;
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
