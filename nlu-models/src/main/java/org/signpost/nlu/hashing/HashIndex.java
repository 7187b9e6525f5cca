package org.signpost.nlu.hashing;

import java.util.Arrays;

/**
 * 64-bit hash to a dense id (0, 1, 2... in the order first added), open addressing with linear
 * probing. Each slot keeps its key and its id side by side ({@code slots[2i]},
 * {@code slots[2i + 1]} = id + 1, 0 for empty), so a lookup touches one cache line: a parse looks
 * up a couple of hundred hashes spread over the whole table, and that memory traffic, not the
 * arithmetic, is most of its time. Not thread-safe while keys are added; safe to read once built.
 */
public final class HashIndex {

    private long[] slots;
    private long[] byId;
    private int size;

    public HashIndex(int expected) {
        slots = new long[2 * capacityFor(expected)];
        byId = new long[Math.max(16, expected)];
    }

    /** Room for {@code count} keys at most half full. */
    private static int capacityFor(int count) {
        return Integer.highestOneBit(Math.max(16, count * 2) - 1) << 1;
    }

    public int size() {
        return size;
    }

    /** The id of {@code key}, or -1. */
    public int get(long key) {
        int mask = slots.length / 2 - 1;
        int slot = spread(key) & mask;
        while (true) {
            long id = slots[2 * slot + 1];
            if (id == 0) {
                return -1;
            }
            if (slots[2 * slot] == key) {
                return (int) id - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The id of {@code key}, added with the next id if it was not there. */
    public int getOrAdd(long key) {
        int existing = get(key);
        if (existing >= 0) {
            return existing;
        }
        if ((size + 1) * 2 > slots.length / 2) {
            rehash(slots.length);
        }
        insert(slots, key, size);
        if (size == byId.length) {
            byId = Arrays.copyOf(byId, byId.length * 2);
        }
        byId[size] = key;
        return size++;
    }

    /** Shrinks the table to what its keys need, once all are in: a smaller table misses the cache less. */
    public void compact() {
        if (capacityFor(size) * 2 < slots.length) {
            rehash(capacityFor(size));
        }
    }

    public long[] keysById() {
        return Arrays.copyOf(byId, size);
    }

    private void rehash(int capacity) {
        long[] grown = new long[2 * capacity];
        for (int id = 0; id < size; id++) {
            insert(grown, byId[id], id);
        }
        slots = grown;
    }

    private static void insert(long[] slots, long key, int id) {
        int mask = slots.length / 2 - 1;
        int slot = spread(key) & mask;
        while (slots[2 * slot + 1] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[2 * slot] = key;
        slots[2 * slot + 1] = id + 1L;
    }

    private static int spread(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
