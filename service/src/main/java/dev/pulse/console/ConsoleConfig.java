package dev.pulse.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The console consumer ({@code pulse.console.*}), reading {@code sample} and {@code tweets}.
 */
@ConfigMapping(prefix = "pulse.console")
public interface ConsoleConfig {

    /** Consumer group; a new group starts at the earliest offset, like the lab's consumer. */
    @WithDefault("pulse-console")
    String groupId();

    /** Values longer than this many characters are shortened on the console. */
    @WithDefault("200")
    int maxChars();

    /**
     * What happens to a poison record (value not UTF-8 or not JSON) after its line is shown: {@code ignore} logs a
     * warning and moves on; {@code dead-letter-queue} also copies it, key, value and headers unchanged plus
     * {@code dead-letter-*} headers saying why and where from, to {@code <topic>.dlq} before moving on. Either way
     * the partition keeps moving.
     */
    @WithDefault("ignore")
    FailureStrategy failureStrategy();

    /** SmallRye Kafka failure strategies that never stop the consumer. */
    enum FailureStrategy {
        IGNORE,
        DEAD_LETTER_QUEUE
    }

    /** The dead-letter topic of a topic. */
    public static String deadLetterTopic(String topic) {
        return topic + ".dlq";
    }
}
