package dev.pulse.sample;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The static-data emitter ({@code pulse.sample.*}), writing to the {@code sample} topic.
 */
@ConfigMapping(prefix = "pulse.sample")
public interface SampleConfig {

    /** Start emitting at start-up. */
    @WithDefault("true")
    boolean enabled();

    /** Records to emit: default 1000 for {@code numbers}, every row for a file. */
    OptionalLong count();

    /** Pause between records; {@code 0} = as fast as the broker acknowledges. */
    @WithDefault("5s")
    Duration interval();

    /** {@code numbers}, or the path of an NDJSON file or a CSV file (header row). */
    @WithDefault(NumbersDataset.NAME)
    String dataset();

    /** At start-up, continue after the last record of this data set that the topic holds instead of at 0. */
    @WithDefault("true")
    boolean resume();

    /** JSON field whose value becomes the record key. */
    Optional<String> keyField();
}
