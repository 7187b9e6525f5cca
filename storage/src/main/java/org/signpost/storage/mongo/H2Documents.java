package org.signpost.storage.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Documents of the embedded store kept as BSON, with mongo-java-server's own codec (the one its
 * wire protocol uses, so what a client stores round-trips), instead of H2's Java serialisation.
 * A document the codec cannot encode (a value only the server itself makes) is kept Java
 * serialised as H2 would have kept it, behind a different tag: a commit must never fail on one
 * document, as H2 then closes the whole store.
 */
final class H2Documents extends BasicDataType<Object> {

    private static final byte BSON = 0;
    private static final byte SERIALISED = 1;

    private static final int KEPT_BUFFER_BYTES = 64 * 1024;
    private static final ThreadLocal<ByteBuf> ENCODING = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

    /** H2 sizes pages and caches by estimated memory: a running average of the encoded size, doubled. */
    private volatile int averageSize = 512;

    @Override
    public int getMemory(Object document) {
        return averageSize * 2;
    }

    @Override
    public void write(WriteBuffer buffer, Object document) {
        ByteBuf encoded = encode(document);
        try {
            if (encoded == null) {
                byte[] serialised = ObjectDataType.serialize(document);
                buffer.put(SERIALISED).putVarInt(serialised.length).put(serialised);
                noteSize(serialised.length);
                return;
            }
            int length = encoded.readableBytes();
            buffer.put(BSON).putVarInt(length).put(encoded.array(), encoded.arrayOffset() + encoded.readerIndex(), length);
            noteSize(length);
        } finally {
            release(encoded);
        }
    }

    private void noteSize(int length) {
        averageSize = (averageSize * 15 + length) / 16;
    }

    @Override
    public Object read(ByteBuffer buffer) {
        byte kind = buffer.get();
        byte[] encoded = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(encoded);
        return switch (kind) {
            case BSON -> BsonDecoder.decodeBson(Unpooled.wrappedBuffer(encoded));
            case SERIALISED -> ObjectDataType.deserialize(encoded);
            default -> throw new IllegalStateException("unknown document kind " + kind + " in the embedded store");
        };
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    /** Only asked whether two values are the same (a conditional replace): by their encoded bytes. */
    @Override
    public int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        return Arrays.compare(bytes(a), bytes(b));
    }

    private static byte[] bytes(Object document) {
        ByteBuf encoded = encode(document);
        if (encoded == null) {
            return ObjectDataType.serialize(document);
        }
        try {
            return Arrays.copyOfRange(encoded.array(), encoded.arrayOffset() + encoded.readerIndex(),
                    encoded.arrayOffset() + encoded.writerIndex());
        } finally {
            release(encoded);
        }
    }

    /**
     * The document as BSON in this thread's encoding buffer (give it back with {@link #release}), or
     * null if the codec cannot encode it. The buffer is kept between documents because a commit
     * encodes every document of every page it writes: one buffer per document, grown and copied,
     * was a large share of the store's garbage under load. mongo-java-server changes some stored
     * documents in place, under its collection's lock, while a commit on another thread may be
     * writing the page they are on: an encoding that notices is made again (the put that follows
     * such a change marks the page for the next commit, which writes the finished document; a
     * change the encoder cannot notice is as possible as it was with H2's own serialisation).
     */
    private static ByteBuf encode(Object document) {
        ByteBuf buffer = ENCODING.get();
        for (int attempt = 1; attempt <= 100; attempt++) {
            buffer.clear();
            try {
                BsonEncoder.encodeDocument((Document) document, buffer);
                return buffer;
            } catch (ConcurrentModificationException e) {
                Thread.onSpinWait();
            } catch (RuntimeException e) {
                release(buffer);
                return null;
            }
        }
        release(buffer);
        return null;
    }

    /** Drops a buffer that one large document grew, rather than keeping its size for the thread's life. */
    private static void release(ByteBuf buffer) {
        if (buffer != null && buffer.capacity() > KEPT_BUFFER_BYTES) {
            ENCODING.remove();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof H2Documents;
    }

    @Override
    public int hashCode() {
        return H2Documents.class.hashCode();
    }
}
