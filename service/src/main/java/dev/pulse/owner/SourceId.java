package dev.pulse.owner;

/**
 * Who a singleton source is to the replicas.
 *
 * @param name its name in control records and statuses: {@code sample}, {@code x} or {@code bluesky}
 * @param channel the channel it writes through: {@code sample}, {@code tweets} or {@code bluesky}
 * @param partition its partition of the control topic
 */
public record SourceId(String name, String channel, int partition) {
}
