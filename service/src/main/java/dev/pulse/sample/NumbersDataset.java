package dev.pulse.sample;

import java.util.NoSuchElementException;

/**
 * The lab's data set: {@code {"number": n}} for n = 0 … count-1, keyed by n when the key field is {@code number}.
 */
final class NumbersDataset implements Dataset {

    static final String NAME = "numbers";

    private final long count;
    private final boolean keyed;
    private long next;

    NumbersDataset(long count, boolean keyed) {
        this.count = count;
        this.keyed = keyed;
    }

    @Override
    public long size() {
        return count;
    }

    @Override
    public boolean hasNext() {
        return next < count;
    }

    @Override
    public SampleRecord next() {
        if (next >= count) {
            throw new NoSuchElementException();
        }
        long n = next++;
        return new SampleRecord(keyed ? Long.toString(n) : null, "{\"number\":" + n + "}");
    }

    @Override
    public void close() {
    }
}
