package dev.pulse.x;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@code capacity} post ids seen, to drop the duplicates that reconnects and backfill bring. X's ids are
 * decimal numbers: those are kept as longs in a ring (the order) and an open-addressing table (the lookup), which
 * allocate nothing per post and hold no references, so a young GC has nothing of them to scan (a map of 100,000
 * entries in the old generation, each put linking a young entry into it, made remembered-set scanning most of every
 * young pause in bench/run's X ingest). Any other id goes to a map of its own, with a window of the same size.
 */
final class RecentIds {

    private static final long EMPTY = -1; // a numeric id is >= 0

    private final long[] ring;
    private final long[] table;
    private final int mask;
    private final int shift;
    private final Map<String, Boolean> others;
    private int next;
    private int size;

    RecentIds(int capacity) {
        this.ring = new long[capacity];
        this.table = new long[Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2]; // load factor <= 1/2
        this.mask = table.length - 1;
        this.shift = Long.SIZE - Integer.numberOfTrailingZeros(table.length);
        Arrays.fill(table, EMPTY);
        this.others = new LinkedHashMap<>(Math.min(capacity, 1 << 10), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time an id is offered within the window. */
    synchronized boolean firstTime(String id) {
        long number = number(id);
        if (number < 0) {
            return others.putIfAbsent(id, Boolean.TRUE) == null;
        }
        if (find(number) >= 0) {
            return false;
        }
        if (size == ring.length) {
            remove(ring[next]); // before probing for a free slot: removing shifts entries
        } else {
            size++;
        }
        int slot = slot(number);
        while (table[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        table[slot] = number;
        ring[next] = number;
        next = next + 1 == ring.length ? 0 : next + 1;
        return true;
    }

    /**
     * The id as a number when it is one written the only way (digits, no leading zero, fits a long), else -1: "07"
     * and "7" are different ids and must not meet in the table.
     */
    static long number(String id) {
        int length = id.length();
        if (length == 0 || length > 19 || (length > 1 && id.charAt(0) == '0')) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            int digit = id.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
            if (value < 0) { // past Long.MAX_VALUE (only a 19-digit id can get here)
                return -1;
            }
        }
        return value;
    }

    /** Fibonacci hashing: the top bits of the product, so that sequential ids spread over the table. */
    private int slot(long number) {
        return (int) ((number * 0x9E3779B97F4A7C15L) >>> shift);
    }

    /** The slot holding {@code number}, or -1. */
    private int find(long number) {
        for (int slot = slot(number); table[slot] != EMPTY; slot = (slot + 1) & mask) {
            if (table[slot] == number) {
                return slot;
            }
        }
        return -1;
    }

    /** Removes a number from the table, shifting the entries after it back so that every probe still finds them. */
    private void remove(long number) {
        int gap = find(number);
        for (int i = (gap + 1) & mask; table[i] != EMPTY; i = (i + 1) & mask) {
            int home = slot(table[i]);
            // the entry at i may move into the gap when its home is not cyclically within (gap, i]
            if (((i - home) & mask) >= ((i - gap) & mask)) {
                table[gap] = table[i];
                gap = i;
            }
        }
        table[gap] = EMPTY;
    }
}
