package dev.pulse.owner;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Pulse as one replica of two, against the test broker: the test joins the owners' group as the second replica, so
 * the coordinator gives it a source's control partition. Pulse must stop owning that source (a start there is
 * forwarded to the control topic, not run), and when the test leaves the group Pulse must take the source back and
 * start the run the forwarded command describes.
 */
@QuarkusTest
@TestProfile(OwnersProfile.class)
class OwnersTest {

    /** Per control partition: the source's name, its status path, a start with parameters, a start it refuses. */
    private static final List<List<String>> SOURCES = List.of(
            List.of("sample", "/sample", "/sample/start?count=7&interval=0", "/sample/start?count=-1"),
            List.of("x", "/x/stream", "/x/stream/start?mode=replay", "/x/stream/start?mode=off"),
            List.of("bluesky", "/bluesky/stream", "/bluesky/stream/start?mode=replay", "/bluesky/stream/start?mode=off"));

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aSourceTakenByAnotherReplicaIsCommandedThroughKafkaAndComesBackWithItsRun() throws Exception {
        for (List<String> source : SOURCES) {
            given().get(source.get(1)).then().statusCode(200).body("owner", equalTo("pulse-under-test"));
        }
        Set<Integer> taken = ConcurrentHashMap.newKeySet();
        int partition;
        String path;
        List<String> source;
        try (KafkaConsumer<String, String> replica = secondReplica()) {
            replica.subscribe(List.of(OwnersProfile.TOPIC), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(p -> taken.remove(p.partition()));
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    partitions.forEach(p -> taken.add(p.partition()));
                }
            });
            List<ConsumerRecord<String, String>> commands = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (taken.isEmpty() && System.nanoTime() < deadline) {
                replica.poll(Duration.ofMillis(200)).forEach(commands::add);
            }
            assertFalse(taken.isEmpty(), "the coordinator gave the second replica a source");
            assertTrue(taken.size() < 3, "and left Pulse the others: " + taken);
            // Its position in a new partition (the end: offset reset latest) is looked up at a later poll, unless asked
            // for now: a command Pulse forwarded before that lookup would be behind it and never read.
            taken.forEach(p -> replica.position(new TopicPartition(OwnersProfile.TOPIC, p)));
            partition = taken.iterator().next();
            source = SOURCES.get(partition);
            path = source.get(1);
            String before = given().get(path).then().statusCode(200).body("owner", equalTo(null)).extract()
                    .path("state");

            given().post(source.get(2)).then().statusCode(202)
                    .body("source", equalTo(source.get(0)))
                    .body("command", equalTo("start"))
                    .body("replica", equalTo("pulse-under-test"));
            given().post(source.get(3)).then().statusCode(400).body("type", equalTo("urn:pulse:problem:bad-parameter"));

            JsonNode command = null;
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (command == null && System.nanoTime() < deadline) {
                replica.poll(Duration.ofMillis(200)).forEach(commands::add);
                for (ConsumerRecord<String, String> record : commands) {
                    if (record.partition() == partition) {
                        command = json.readTree(record.value());
                    }
                }
            }
            assertTrue(command != null, "the forwarded command is in partition " + partition);
            assertEquals(source.get(0), command.path("source").asText(), command.toString());
            assertEquals("start", command.path("action").asText(), command.toString());
            assertFalse(command.path("applied").asBoolean(), command.toString());
            assertEquals("pulse-under-test", command.path("from").asText(), command.toString());
            assertEquals(before, given().get(path).then().extract().path("state"),
                    "Pulse, not owning " + source.get(0) + ", did not run the command");
        }

        // The second replica left: Pulse owns the source again and resumes the run the partition's last record holds.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var status = given().get(path).then().statusCode(200).extract().jsonPath();
            assertEquals("pulse-under-test", status.getString("owner"));
            if (partition == 0) {
                assertEquals(7, status.getInt("total"), "the forwarded emitter run (count=7)");
            } else {
                assertEquals("replay", status.getString("mode"));
                assertTrue(Set.of("streaming", "completed").contains(status.getString("state")), status.prettify());
            }
        });
        given().post(source.get(1) + "/stop").then().statusCode(200);
        given().post(source.get(2)).then().statusCode(202).body("command", equalTo(null));
        given().post(source.get(1) + "/stop").then().statusCode(200);
    }

    private static KafkaConsumer<String, String> secondReplica() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, OwnersProfile.GROUP);
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
