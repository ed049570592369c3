package dev.pulse.sample;

import java.util.Iterator;

/**
 * Records read lazily from a data set. {@link #size()} is known before the first record.
 */
interface Dataset extends Iterator<SampleRecord>, AutoCloseable {

    /** How many records the iteration gives. */
    long size();

    @Override
    void close();
}
