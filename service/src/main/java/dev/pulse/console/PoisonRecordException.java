package dev.pulse.console;

/**
 * A record of {@code sample} or {@code tweets} that the console consumer could not process: the reason a
 * record is nacked, as SmallRye's failure strategy logs it or writes it into the {@code dead-letter-reason} header.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String topic, int partition, long offset, String problem) {
        super(topic + "-" + partition + "@" + offset + ": " + problem, null, false, false);
    }
}
