package org.signpost.storage.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Keys of the embedded store's maps (document ids, and unique-index keys of one or more values)
 * compared and written without Java serialisation where they are strings, as Signpost's ids are;
 * anything else falls back to H2's {@link ObjectDataType}.
 *
 * <p>The order is total: strings by {@link String#compareTo}, index keys value by value, values
 * of one class by their natural order, values of different classes by class name, and other
 * values (documents, say) by their serialised bytes, as H2 orders them. Two keys compare equal
 * exactly when H2's own order would have said so, or when they are equal strings or equal
 * values of one comparable class.
 */
final class H2Keys extends ObjectDataType {

    private static final byte STRING = 0;
    private static final byte STRINGS = 1;
    private static final byte OTHER = 2;

    @Override
    public int compare(Object a, Object b) {
        return order(a, b);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int order(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        if (a instanceof KeyValue x && b instanceof KeyValue y) {
            if (x.size() != y.size()) {
                return Integer.compare(x.size(), y.size());
            }
            for (int i = 0; i < x.size(); i++) {
                int order = order(x.get(i), y.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        }
        if (a.getClass() != b.getClass()) {
            return a.getClass().getName().compareTo(b.getClass().getName());
        }
        if (a instanceof Comparable comparable) {
            return comparable.compareTo(b);
        }
        return compareNotNull(serialize(a), serialize(b));
    }

    /**
     * H2 sizes pages by estimated memory, and its estimate of a key it serialises starts at
     * 10,000 bytes and only learns from keys it writes itself: left alone, every index page
     * would hold one key.
     */
    @Override
    public int getMemory(Object key) {
        if (key instanceof String text) {
            return 24 + 2 * text.length();
        }
        if (key instanceof KeyValue values) {
            int memory = 48;
            for (Object value : values) {
                memory += value instanceof String text ? 24 + 2 * text.length() : 32;
            }
            return memory;
        }
        return super.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buffer, Object key) {
        if (key instanceof String text) {
            buffer.put(STRING);
            putString(buffer, text);
        } else if (key instanceof KeyValue values && allStrings(values)) {
            buffer.put(STRINGS).putVarInt(values.size());
            values.forEach(value -> putString(buffer, (String) value));
        } else {
            buffer.put(OTHER);
            super.write(buffer, key);
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        byte kind = buffer.get();
        switch (kind) {
            case STRING:
                return DataUtils.readString(buffer);
            case STRINGS:
                int size = DataUtils.readVarInt(buffer);
                List<Object> values = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    values.add(DataUtils.readString(buffer));
                }
                return new KeyValue(values);
            case OTHER:
                return super.read(buffer);
            default:
                throw new IllegalStateException("unknown key kind " + kind + " in the embedded store");
        }
    }

    private static boolean allStrings(KeyValue values) {
        for (Object value : values) {
            if (!(value instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static void putString(WriteBuffer buffer, String text) {
        buffer.putVarInt(text.length()).putStringData(text, text.length());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof H2Keys;
    }

    @Override
    public int hashCode() {
        return H2Keys.class.hashCode();
    }
}
