package dev.pulse.sample;

/**
 * One record of a data set: its JSON text and its key ({@code null} for none).
 */
record SampleRecord(String key, String json) {
}
