package dev.pulse.source;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The duplicate window: exactly the last N keys.
 */
class RecentKeysTest {

    @Test
    void anIdIsNewOnceWithinTheWindowAndNewAgainAfterItLeftIt() {
        RecentKeys ids = new RecentKeys(3);
        assertTrue(ids.firstTime("100"));
        assertFalse(ids.firstTime("100"));
        assertTrue(ids.firstTime("101"));
        assertTrue(ids.firstTime("x-102"));
        assertFalse(ids.firstTime("100"));
        assertTrue(ids.firstTime("103")); // 100 leaves the window
        assertTrue(ids.firstTime("100"));
        assertFalse(ids.firstTime("103"));
        assertFalse(ids.firstTime("x-102"));
    }
}
