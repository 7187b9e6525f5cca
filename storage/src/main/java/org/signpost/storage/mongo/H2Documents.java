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

/**
 * Documents of the embedded store kept as BSON, with mongo-java-server's own codec (the one its
 * wire protocol uses, so every value a client can store round-trips), instead of H2's Java
 * serialisation.
 */
final class H2Documents extends BasicDataType<Object> {

    /** H2 sizes pages and caches by estimated memory: a running average of the encoded size, doubled. */
    private volatile int averageSize = 512;

    @Override
    public int getMemory(Object document) {
        return averageSize * 2;
    }

    @Override
    public void write(WriteBuffer buffer, Object document) {
        ByteBuf bson = encode(document);
        int length = bson.readableBytes();
        averageSize = (averageSize * 15 + length) / 16;
        buffer.putVarInt(length).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        byte[] bson = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bson);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
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
        ByteBuf x = encode(a);
        ByteBuf y = encode(b);
        return Arrays.compare(Arrays.copyOfRange(x.array(), x.arrayOffset(), x.arrayOffset() + x.readableBytes()),
                Arrays.copyOfRange(y.array(), y.arrayOffset(), y.arrayOffset() + y.readableBytes()));
    }

    /**
     * mongo-java-server changes some stored documents in place, under its collection's lock,
     * before putting them back, while a commit on another thread may be writing the page they are
     * on: an encoding that meets a change is made again. The put marks the page for the next
     * commit, which writes the finished document.
     */
    private static ByteBuf encode(Object document) {
        for (int attempt = 1; ; attempt++) {
            ByteBuf bson = Unpooled.buffer(256);
            try {
                BsonEncoder.encodeDocument((Document) document, bson);
                return bson;
            } catch (ConcurrentModificationException e) {
                if (attempt == 100) {
                    throw e;
                }
                Thread.onSpinWait();
            }
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
