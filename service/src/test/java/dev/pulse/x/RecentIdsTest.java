package dev.pulse.x;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The dedup window: exactly the last N ids of each kind (numeric, other), checked against a plain map as the model.
 */
class RecentIdsTest {

    @Test
    void anIdIsNewOnceWithinTheWindowAndNewAgainAfterItLeftIt() {
        RecentIds ids = new RecentIds(3);
        assertTrue(ids.firstTime("100"));
        assertFalse(ids.firstTime("100"));
        assertTrue(ids.firstTime("101"));
        assertTrue(ids.firstTime("102"));
        assertFalse(ids.firstTime("100"));
        assertTrue(ids.firstTime("103")); // 100 leaves the window
        assertTrue(ids.firstTime("100"));
        assertFalse(ids.firstTime("103"));
    }

    @Test
    void onlyTheOneSpellingOfANumberIsANumber() {
        assertEquals(0, RecentIds.number("0"));
        assertEquals(1990000000000000001L, RecentIds.number("1990000000000000001"));
        assertEquals(Long.MAX_VALUE, RecentIds.number("9223372036854775807"));
        for (String other : new String[] { "", "07", "00", "-1", "+1", "1e3", "12a", " 1", "9223372036854775808",
                "9999999999999999999", "12345678901234567890", "١٢" }) {
            assertEquals(-1, RecentIds.number(other), other);
        }
        RecentIds ids = new RecentIds(10);
        assertTrue(ids.firstTime("7"));
        assertTrue(ids.firstTime("07"));
        assertTrue(ids.firstTime("9223372036854775808"));
        assertFalse(ids.firstTime("07"));
        assertFalse(ids.firstTime("9223372036854775808"));
    }

    @Test
    void agreesWithAMapOverAMillionRandomOffers() {
        for (int capacity : new int[] { 1, 2, 7, 64, 1000 }) {
            Random random = new Random(capacity);
            RecentIds ids = new RecentIds(capacity);
            Map<String, Boolean> numeric = window(capacity);
            Map<String, Boolean> others = window(capacity);
            for (int i = 0; i < 1_000_000 / (capacity < 64 ? 10 : 1); i++) {
                // ids drawn from a range a little wider than the window, so that hits, evictions and the probe runs
                // that removing an id shifts back are all common; some far apart, some 19 digits long
                long n = random.nextInt(capacity * 3 + 2) * (random.nextBoolean() ? 1 : 1_000_000_000_000_007L);
                String id = random.nextInt(8) == 0 ? "x" + n : Long.toString(n);
                Map<String, Boolean> model = id.startsWith("x") ? others : numeric;
                assertEquals(model.putIfAbsent(id, Boolean.TRUE) == null, ids.firstTime(id),
                        "offer " + i + " of " + id + " with capacity " + capacity);
            }
        }
    }

    private static Map<String, Boolean> window(int capacity) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }
}
