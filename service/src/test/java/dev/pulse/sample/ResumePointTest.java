package dev.pulse.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import dev.pulse.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The emitter's resume point is read back from the topic on the real broker, past records of other writers.
 */
@QuarkusTest
class ResumePointTest {

    @Inject
    ResumePoint resume;

    @Test
    void continuesAfterTheHighestSequenceOfItsDataset() throws Exception {
        TopicProbe topic = new TopicProbe();
        String name = "resume-probe";
        assertEquals(0, resume.next(name, "numbers"), "no topic yet");
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int seq = 0; seq < 12; seq++) {
            records.add(emitted(name, "numbers", seq));
        }
        records.add(emitted(name, "/data/other.csv", 99));
        for (int i = 0; i < 700; i++) { // REST records after the emitter's: more than one scan window
            records.add(new ProducerRecord<>(name, 0, null, "{\"rest\":true}".getBytes(StandardCharsets.UTF_8)));
        }
        topic.writeAll(records);
        assertEquals(12, resume.next(name, "numbers"));
        assertEquals(100, resume.next(name, "/data/other.csv"));
        assertEquals(0, resume.next(name, "never-emitted"));
    }

    private static ProducerRecord<byte[], byte[]> emitted(String topic, String dataset, int seq) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, 0, null,
                ("{\"number\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
        record.headers().add("pulse-source", "sample-emitter".getBytes(StandardCharsets.UTF_8))
                .add("pulse-dataset", dataset.getBytes(StandardCharsets.UTF_8))
                .add("pulse-seq", Integer.toString(seq).getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
