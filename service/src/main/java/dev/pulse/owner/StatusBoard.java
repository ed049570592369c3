package dev.pulse.owner;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * The singleton sources' status on every replica. Each second the owner of a source writes its status, with its own
 * name, to the status topic ({@code pulse.topics.status}, compacted, keyed by source); every replica reads that topic
 * in a group of its own (channel {@code status}), so {@code GET /sample}, {@code /x/stream} and
 * {@code /bluesky/stream} answer the owner's status wherever the load balancer sends them.
 */
@ApplicationScoped
public class StatusBoard {

    private static final Logger LOG = Logger.getLogger(StatusBoard.class);
    static final String OWNER = "owner";
    static final String UPDATED_AT = "updatedAt";

    private final Map<String, ObjectNode> latest = new ConcurrentHashMap<>();
    private final Owners owners;
    private final ControlLog log;
    private final ObjectMapper mapper;

    StatusBoard(Owners owners, ControlLog log, ObjectMapper mapper) {
        this.owners = owners;
        this.log = log;
        this.mapper = mapper;
    }

    private volatile Runnable cancel = () -> {
    };

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        long timer = vertx.setPeriodic(1000, id -> owners.owned().forEach(source -> log.status(source, local(source))));
        cancel = () -> vertx.cancelTimer(timer);
    }

    void onStop(@Observes ShutdownEvent event) {
        cancel.run();
    }

    /**
     * {@code source}'s status with {@code owner} (the replica that owns it, null while none is known) and
     * {@code updatedAt}: this replica's own when it owns the source, else the newest its owner wrote (one this replica
     * wrote before it handed the source over is no one's now).
     */
    public JsonNode status(OwnedSource<?> source) {
        if (owners.owns(source)) {
            return local(source);
        }
        ObjectNode theirs = latest.get(source.id().name());
        if (theirs != null && !owners.replica().equals(theirs.path(OWNER).asText())) {
            return theirs;
        }
        ObjectNode nobody = mapper.valueToTree(source.status());
        nobody.putNull(OWNER);
        return nobody;
    }

    @Incoming("status")
    void read(ConsumerRecord<String, String> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        try {
            if (mapper.readTree(record.value()) instanceof ObjectNode status) {
                latest.put(record.key(), status);
            }
        } catch (JsonProcessingException e) {
            LOG.debugf("Skipping %s-%d@%d: not a status (%s)", record.topic(), record.partition(), record.offset(),
                    e.getOriginalMessage());
        }
    }

    private ObjectNode local(OwnedSource<?> source) {
        ObjectNode status = mapper.valueToTree(source.status());
        status.put(OWNER, owners.replica());
        status.put(UPDATED_AT, Instant.now().toString());
        return status;
    }
}
