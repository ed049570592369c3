package dev.pulse.owner;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.http.Problem;
import dev.pulse.http.ProblemException;
import dev.pulse.kafka.KafkaClients;
import dev.pulse.kafka.TopicsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * This replica's share of the singleton sources. Every replica reads the control topic ({@code pulse.topics.control},
 * one partition per source) in one consumer group through channel {@code control}; the group coordinator assigns each
 * partition to one member, and that member owns the partition's source: it starts the source when assigned (the run
 * the partition's last record describes, else what start-up starts), applies the commands other replicas write there
 * (channel {@code control-out}), and stops the source when the coordinator moves the partition.
 */
@ApplicationScoped
@Default
@Identifier(Owners.LISTENER)
public class Owners implements KafkaConsumerRebalanceListener {

    /** The name channel {@code control} finds this rebalance listener by. */
    static final String LISTENER = "pulse-owners";
    private static final Logger LOG = Logger.getLogger(Owners.class);
    /** How long a write to the control topic (a command, a record of a run) may wait for Kafka. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    /** After a refused commit: time for the rebalance that caused it to end before the source starts again. */
    private static final Duration REFUSED_PAUSE = Duration.ofSeconds(2);

    private final Map<Integer, OwnedSource<?>> sources = new HashMap<>();
    /** Changed under {@code this}, like the two maps below, so ownership changes while no command is applied. */
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    /** Per partition just assigned: the offset of its last record, the run to resume, until it is read. */
    private final Map<Integer, Long> resumeAt = new HashMap<>();
    /** Per owned partition: the record of the run going, written again when a start sent here finds it running. */
    private final Map<Integer, ControlRecord> running = new HashMap<>();
    /** Done at the first assignment, empty or not: until then a request cannot tell whether this replica owns. */
    private final CompletableFuture<Void> assigned = new CompletableFuture<>();
    private final ControlLog log;
    private final ObjectMapper mapper;
    private final KafkaClients clients;
    private final String topic;
    private final String group;
    private final String replica;
    private final SourceTransactions transactions;

    Owners(Instance<OwnedSource<?>> found, ControlLog log, ObjectMapper mapper, KafkaClients clients,
            TopicsConfig topics, OwnersConfig config, Replica replica, SourceTransactions transactions) {
        for (OwnedSource<?> source : found) {
            OwnedSource<?> clash = sources.put(source.id().partition(), source);
            if (clash != null) {
                throw new IllegalStateException(source.id().name() + " and " + clash.id().name() + " share control partition "
                        + source.id().partition());
            }
        }
        this.log = log;
        this.mapper = mapper;
        this.clients = clients;
        this.topic = topics.control();
        this.group = config.groupId();
        this.replica = replica.name();
        this.transactions = transactions;
        transactions.onRefused((channel, reason) -> Infrastructure.getDefaultWorkerPool()
                .execute(() -> refused(channel, reason)));
    }

    /** This replica's name. */
    public String replica() {
        return replica;
    }

    /** The control topic. */
    public String topic() {
        return topic;
    }

    /** How many partitions the control topic needs: one per singleton source. */
    public int partitions() {
        return sources.size();
    }

    /** Whether this replica owns {@code source} now. */
    public boolean owns(OwnedSource<?> source) {
        return owned.contains(source.id().partition());
    }

    /** The sources this replica owns now. */
    List<OwnedSource<?>> owned() {
        return owned.stream().<OwnedSource<?>> map(sources::get).toList();
    }

    /**
     * Runs {@code action} while this replica owns {@code source}, so ownership cannot move meanwhile; else empty. Just
     * after start-up, first waits (at most {@code WRITE_TIMEOUT}) for the group to assign the partitions.
     */
    <R> Optional<R> ifOwned(OwnedSource<?> source, Supplier<R> action) {
        try {
            // a copy: a timed-out wait cancels what it waits on
            Uni.createFrom().completionStage(assigned.copy()).await().atMost(WRITE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.debugf("No assignment yet in group %s: %s", group, e);
        }
        synchronized (this) {
            return owned.contains(source.id().partition()) ? Optional.of(action.get()) : Optional.empty();
        }
    }

    /**
     * Starts a run of {@code source}, which this replica owns, on request; empty when one is going. An idle source's
     * transaction begins first (what it may still hold of an aborted run is discarded): a 503 when it cannot.
     */
    <S> Optional<S> startHere(OwnedSource<S> source, Map<String, String> params) {
        if (source.active()) {
            return source.start(params, false);
        }
        source.check(params);
        if (!ready(source)) {
            throw new ProblemException(Problem.of(503, "source-unavailable", "Cannot start",
                    source.id().name() + " cannot write to Kafka here now (its transaction did not begin); see this"
                            + " replica's log, and its liveness check pulse-owners"));
        }
        return source.start(params, false);
    }

    /** Records what this replica, the owner, did on request, for the replica that owns the source next. */
    void record(OwnedSource<?> source, String action, Map<String, String> params, String reason) {
        ControlRecord done = new ControlRecord(source.id().name(), action, params, reason, replica, true);
        synchronized (this) {
            remember(source.id().partition(), done);
        }
        write(source, done);
    }

    /** Writes {@code command} to {@code source}'s partition; completes when Kafka has it. */
    Uni<Void> send(OwnedSource<?> source, ControlRecord command) {
        return log.send(source, command);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        transactions.member(consumer.groupMetadata());
        transactions.awaitPredecessor(consumer,
                partitions.stream().filter(p -> sources.containsKey(p.partition())).toList());
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            OwnedSource<?> source = sources.get(partition.partition());
            if (source == null) {
                LOG.warnf("Topic %s has a partition %d that no source uses", topic, partition.partition());
                continue;
            }
            long end = ends.getOrDefault(partition, 0L);
            synchronized (this) {
                owned.add(partition.partition());
                if (end > 0) {
                    // The record there is read next, and says which run to resume.
                    resumeAt.put(partition.partition(), end - 1);
                    consumer.seek(partition, end - 1);
                    LOG.infof("Replica %s owns %s", replica, source.id().name());
                } else {
                    // From the start, not from wherever the consumer's offset reset would find the end later (on a
                    // new topic that can be after a command another replica wrote meanwhile): that command is ours.
                    consumer.seek(partition, 0);
                    LOG.infof("Replica %s owns %s; no command yet, so it does what start-up does", replica,
                            source.id().name());
                    if (ready(source)) {
                        source.startConfigured();
                    }
                }
            }
        }
        assigned.complete(null);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        transactions.member(consumer.groupMetadata());
        for (TopicPartition partition : partitions) {
            synchronized (this) {
                if (owned.remove(partition.partition())) {
                    resumeAt.remove(partition.partition());
                    running.remove(partition.partition());
                    OwnedSource<?> source = sources.get(partition.partition());
                    LOG.infof("Replica %s hands %s over", replica, source.id().name());
                    source.release();
                    transactions.end(source);
                }
            }
        }
    }

    /** Expelled from the group (a pause past the session timeout): what the sources sent since the last commit is aborted. */
    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }

    /**
     * A source's commit was refused (its transaction aborted), most often because a rebalance changed the group's
     * generation under it: the source stops, and starts again from what the topic holds if this replica still owns
     * it once the rebalance is over.
     */
    private void refused(String channel, String reason) {
        OwnedSource<?> source = sources.values().stream().filter(s -> s.id().channel().equals(channel)).findFirst()
                .orElse(null);
        if (source == null) {
            return;
        }
        if (SourceTransactions.FENCED.equals(reason)) {
            LOG.errorf("Replica %s stops %s: its producer was fenced; restart the replica", replica, source.id().name());
            source.stop();
            return;
        }
        boolean active;
        synchronized (this) {
            if (!owned.contains(source.id().partition())) {
                return;
            }
            active = source.active();
            LOG.infof("Replica %s stops %s: its last commit was refused%s", replica, source.id().name(),
                    active ? "; it starts again from what the topic holds" : "");
            source.release();
        }
        if (active) {
            later(source, () -> {
                ControlRecord last = running.get(source.id().partition());
                resume(source, last != null && last.start() ? last.params() : Map.of());
            });
        }
    }

    /** After {@code REFUSED_PAUSE}, runs {@code start} if this replica still owns {@code source} and it is idle. */
    private void later(OwnedSource<?> source, Runnable start) {
        Infrastructure.getDefaultWorkerPool().schedule(() -> {
            synchronized (this) {
                if (owned.contains(source.id().partition()) && !source.active()) {
                    start.run();
                }
            }
        }, REFUSED_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts {@code source}'s run continuing where the topic says it stopped; when its transaction cannot begin yet
     * (a commit refused again while the group rebalances), tries again shortly, while this replica owns it.
     */
    private void resume(OwnedSource<?> source, Map<String, String> params) {
        if (ready(source)) {
            try {
                source.start(params, true);
            } catch (IllegalArgumentException e) {
                LOG.errorf("Replica %s cannot resume the %s run %s: %s", replica, source.id().name(), params,
                        e.getMessage());
            }
        } else if (!transactions.fenced().contains(source.id().channel())) {
            later(source, () -> resume(source, params));
        }
    }

    /** Whether {@code source}'s transaction began; else it must not start (its records could not be committed). */
    private boolean ready(OwnedSource<?> source) {
        try {
            transactions.begin(source);
            return true;
        } catch (RuntimeException e) {
            LOG.errorf("Replica %s cannot start %s: its transaction did not begin (%s)", replica, source.id().name(),
                    e.getMessage());
            return false;
        }
    }

    /** Applies a command to an owned source, or, first after an assignment, resumes the run it describes. */
    @Incoming("control")
    @Blocking
    void apply(ConsumerRecord<String, String> record) {
        ControlRecord command = parse(record);
        int partition = record.partition();
        synchronized (this) {
            OwnedSource<?> source = sources.get(partition);
            if (source == null || !owned.contains(partition)) {
                return;
            }
            Long resume = resumeAt.remove(partition);
            if (resume != null) {
                takeOver(source, record.offset() == resume ? command : null);
                if (record.offset() <= resume) {
                    return;
                }
            }
            if (command != null && !command.applied()) {
                applyCommand(source, command);
            }
        }
    }

    private void takeOver(OwnedSource<?> source, ControlRecord last) {
        if (last != null && last.start()) {
            LOG.infof("Replica %s resumes the %s run %s that %s started", replica, source.id().name(), last.params(),
                    last.from());
            resume(source, last.params());
            remember(source.id().partition(), last);
        } else if (last != null && last.stopRequested()) {
            LOG.infof("Replica %s leaves %s stopped, as %s asked", replica, source.id().name(), last.from());
        } else if (ready(source)) {
            source.startConfigured();
        }
    }

    private void applyCommand(OwnedSource<?> source, ControlRecord command) {
        if (command.start()) {
            try {
                if (ready(source) && source.start(command.params(), false).isPresent()) {
                    LOG.infof("Replica %s started %s %s as %s asked", replica, source.id().name(), command.params(),
                            command.from());
                    remember(source.id().partition(), command);
                } else {
                    LOG.infof("Replica %s did not start %s %s as %s asked: it is running", replica, source.id().name(),
                            command.params(), command.from());
                    ControlRecord current = running.get(source.id().partition());
                    if (current != null) {
                        write(source, current);
                    }
                }
            } catch (IllegalArgumentException e) {
                LOG.errorf("Replica %s did not start %s as %s asked: %s", replica, source.id().name(), command.from(),
                        e.getMessage());
            }
        } else {
            LOG.infof("Replica %s stops %s as %s asked", replica, source.id().name(), command.from());
            source.stop();
            running.remove(source.id().partition());
        }
    }

    private void remember(int partition, ControlRecord command) {
        if (command.start()) {
            running.put(partition, command);
        } else {
            running.remove(partition);
        }
    }

    private void write(OwnedSource<?> source, ControlRecord command) {
        send(source, command).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).subscribe().with(
                ok -> LOG.debugf("Recorded %s", command),
                failure -> LOG.warnf("Could not record %s %s in topic %s (%s): a later owner may not resume it",
                        source.id().name(), command.action(), topic, failure.getMessage()));
    }

    private ControlRecord parse(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return mapper.readValue(record.value(), ControlRecord.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("Skipping %s-%d@%d: not a control record (%s)", record.topic(), record.partition(),
                    record.offset(), e.getOriginalMessage());
            return null;
        }
    }

    /**
     * The deployment's last replica ends the runs at shutdown, so the next start does what its configuration says;
     * any other replica leaves them to the replicas that take its sources over.
     */
    void onStop(@Observes ShutdownEvent event) {
        Set<Integer> mine;
        synchronized (this) {
            mine = Set.copyOf(owned);
        }
        // every source stops emitting at once; then each one's last records are awaited and committed
        mine.forEach(partition -> sources.get(partition).stop());
        for (int partition : mine) {
            OwnedSource<?> source = sources.get(partition);
            source.release();
            transactions.end(source);
        }
        if (mine.isEmpty() || othersInGroup()) {
            return;
        }
        for (int partition : mine) {
            OwnedSource<?> source = sources.get(partition);
            try {
                send(source, new ControlRecord(source.id().name(), ControlRecord.STOP, Map.of(), ControlRecord.SHUTDOWN,
                        replica, true)).await().atMost(WRITE_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warnf("Could not record the shutdown of %s in topic %s: %s", source.id().name(), topic, e.getMessage());
            }
        }
    }

    private boolean othersInGroup() {
        try (Admin admin = Admin.create(clients.admin())) {
            var description = admin.describeConsumerGroups(Set.of(group)).describedGroups().get(group)
                    .get(5, TimeUnit.SECONDS);
            return description.members().size() > 1;
        } catch (Exception e) {
            LOG.debugf("Group %s not described at shutdown (%s): taken for the last replica", group, e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

}
