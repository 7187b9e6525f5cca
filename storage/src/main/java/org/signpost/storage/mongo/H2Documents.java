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

    /** H2 sizes pages and caches by estimated memory: a running average of the encoded size, doubled. */
    private volatile int averageSize = 512;

    @Override
    public int getMemory(Object document) {
        return averageSize * 2;
    }

    @Override
    public void write(WriteBuffer buffer, Object document) {
        byte[] encoded = bson(document);
        byte kind = BSON;
        if (encoded == null) {
            encoded = ObjectDataType.serialize(document);
            kind = SERIALISED;
        }
        averageSize = (averageSize * 15 + encoded.length) / 16;
        buffer.put(kind).putVarInt(encoded.length).put(encoded);
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
        byte[] x = bson(a);
        byte[] y = bson(b);
        return Arrays.compare(x != null ? x : ObjectDataType.serialize(a), y != null ? y : ObjectDataType.serialize(b));
    }

    /**
     * The document as BSON, or null if the codec cannot encode it. mongo-java-server changes
     * some stored documents in place, under its collection's lock, while a commit on another
     * thread may be writing the page they are on: an encoding that notices is made again (the
     * put that follows such a change marks the page for the next commit, which writes the
     * finished document; a change the encoder cannot notice is as possible as it was with H2's
     * own serialisation).
     */
    private static byte[] bson(Object document) {
        for (int attempt = 1; attempt <= 100; attempt++) {
            ByteBuf bson = Unpooled.buffer(256);
            try {
                BsonEncoder.encodeDocument((Document) document, bson);
                return Arrays.copyOfRange(bson.array(), bson.arrayOffset() + bson.readerIndex(),
                        bson.arrayOffset() + bson.writerIndex());
            } catch (ConcurrentModificationException e) {
                Thread.onSpinWait();
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
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
