package dev.pulse.owner;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import dev.pulse.kafka.KafkaClients;
import dev.pulse.kafka.TopicsConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.ClientCustomizer;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;

/**
 * The singleton sources' writes, fenced through the owners' group as Kafka Streams' exactly-once v2 does (KIP-447).
 * Each source channel ({@code sample}, {@code tweets}, {@code bluesky}) gets a transactional producer, id
 * {@code <pulse.owners.group-id>-<channel>-<replica>}; its owner commits what it sent every
 * {@code pulse.owners.commit-interval}, and each commit carries an offset of the source's control partition for the
 * owners' group. The group coordinator refuses that offset from a member it expelled or from an older generation, so
 * an owner paused past its session cannot commit once the source has moved: what it wrote is aborted, never seen by
 * a {@code read_committed} consumer. A stable id per source (Kafka Connect's KIP-618 shape) would fence the old
 * owner's producer for good, and SmallRye makes one producer per channel for the life of the application.
 * <p>
 * Everything here runs on the channel producer's sending thread, in order with the channel's sends.
 */
@ApplicationScoped
@Default
@Identifier(SourceTransactions.INTERCEPTOR)
public class SourceTransactions implements ClientCustomizer<Map<String, Object>>, ProducerInterceptor<Object, Object> {

    /** The name the source channels find this bean by, as their {@code interceptor-bean}: it counts their sends. */
    static final String INTERCEPTOR = "pulse-source-transactions";
    /** The reason given when a channel's producer can write no more. */
    static final String FENCED = "fenced";
    private static final Logger LOG = Logger.getLogger(SourceTransactions.class);
    /**
     * How long an open transaction lives on the brokers without a commit: a paused owner's records block read_committed
     * consumers no longer.
     */
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(8);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<TransactionState> UNDECIDED_MARKERS = EnumSet.of(TransactionState.PREPARE_COMMIT,
            TransactionState.PREPARE_ABORT);

    /** A source channel's transaction; its fields change on the channel's sending thread only. */
    private static final class Channel {
        final String name;
        final String topic;
        final AtomicLong sent = new AtomicLong();
        volatile long committed;
        volatile boolean open;
        /** The transaction after a refused commit may hold records of the aborted one: it is aborted, never committed. */
        volatile boolean refused;
        volatile boolean fenced;
        volatile TopicPartition control;

        Channel(String name, String topic) {
            this.name = name;
            this.topic = topic;
        }
    }

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final Map<String, Channel> byTopic = new ConcurrentHashMap<>();
    private final boolean enabled;
    private final String group;
    private final KafkaClients clients;
    private final KafkaClientService kafka;
    private final String controlTopic;
    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "pulse-source-commits"));
    private volatile ConsumerGroupMetadata member;
    private volatile BiConsumer<String, String> onRefused = (channel, reason) -> {
    };
    private final String replica;
    private Admin admin;

    SourceTransactions(OwnersConfig config, TopicsConfig topics, Replica replica, KafkaClients clients,
            KafkaClientService kafka) {
        this.replica = replica.name();
        this.enabled = config.transactions();
        Duration commitInterval = config.commitInterval();
        this.group = config.groupId();
        this.clients = clients;
        this.kafka = kafka;
        this.controlTopic = topics.control();
        for (Channel channel : List.of(new Channel("sample", topics.sample()), new Channel("tweets", topics.tweets()),
                new Channel("bluesky", topics.bluesky()))) {
            channels.put(channel.name, channel);
            byTopic.put(channel.topic, channel);
        }
        if (enabled) {
            committer.scheduleWithFixedDelay(this::commitAll, commitInterval.toMillis(), commitInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Whether the source channels write in transactions ({@code pulse.owners.transactions}). */
    public boolean enabled() {
        return enabled;
    }

    /** The source channels whose producer another instance fenced: they cannot write until the replica restarts. */
    public Set<String> fenced() {
        return channels.values().stream().filter(c -> c.fenced).map(c -> c.name).collect(
                Collectors.toCollection(TreeSet::new));
    }

    /** Called with the channel and the reason when a commit was refused and its transaction aborted. */
    void onRefused(BiConsumer<String, String> action) {
        this.onRefused = action;
    }

    /** This replica's membership of the owners' group, taken in each rebalance callback: commits carry it. */
    void member(ConsumerGroupMetadata metadata) {
        this.member = metadata;
    }

    /**
     * Transactional settings for the source channels' producers: the id, a short transaction timeout, and Kafka's
     * own retries (the channels' {@code retries=0} keeps the connector from re-sending a record into a later
     * transaction).
     */
    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        if (channels.containsKey(channel) && config.containsKey(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)) {
            config.remove(ProducerConfig.RETRIES_CONFIG);
            if (enabled) {
                config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix(channel) + replica);
                config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
            }
        }
        return config;
    }

    private String prefix(String channel) {
        return group + "-" + channel + "-";
    }

    /**
     * Before an owner starts {@code source}, which must be idle: its channel's transaction is open and holds nothing
     * (what it held is committed, or aborted after a refused commit), and no transaction of the channel, this
     * replica's or a previous owner's, still has markers to write; so a {@code read_committed} reader sees in the
     * topic all that was committed, and the run can resume from there.
     */
    void begin(OwnedSource<?> source) {
        Channel channel = channels.get(source.id().channel());
        if (!transactional(channel)) {
            return;
        }
        channel.control = new TopicPartition(controlTopic, source.id().partition());
        boolean clean = producer(channel).runOnSendingThread(p -> {
            if (channel.fenced) {
                return false;
            }
            if (!channel.open) {
                p.beginTransaction();
                channel.open = true;
                channel.committed = channel.sent.get();
            } else if (channel.refused) {
                // What the refused transaction's source still sent: never committed.
                if (!abort(p, channel)) {
                    return false;
                }
                p.beginTransaction();
                channel.refused = false;
            } else if (channel.sent.get() != channel.committed && !commit(p, channel)) {
                refuse(p, channel);
                return false;
            }
            return true;
        }).await().atMost(Duration.ofSeconds(90));
        if (!clean) {
            throw new IllegalStateException(channel.fenced ? "the " + channel.name + " channel's producer was fenced"
                    : "the " + channel.name + " channel's last commit was refused");
        }
        awaitMarkers(channel);
    }

    /** The owner stopped {@code source} and waited for its sends: commits them, and leaves no transaction open. */
    void end(OwnedSource<?> source) {
        Channel channel = channels.get(source.id().channel());
        if (!transactional(channel) || !channel.open) {
            return;
        }
        try {
            producer(channel).runOnSendingThread(p -> {
                if (!channel.open) {
                    return;
                }
                channel.open = false;
                if (channel.refused || channel.sent.get() == channel.committed || !commit(p, channel)) {
                    abort(p, channel);
                }
                channel.refused = false;
            }).await().atMost(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.warnf("The %s channel's last transaction did not end: %s", channel.name, e.getMessage());
        }
    }

    /**
     * A new owner waits until a previous owner's commit that the group already accepted is complete: the consumer's
     * committed-offset fetch asks for stable offsets, which the coordinator withholds while a transaction holds some.
     */
    void awaitPredecessor(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!enabled || partitions.isEmpty()) {
            return;
        }
        try {
            consumer.committed(Set.copyOf(partitions), SETTLE_TIMEOUT);
        } catch (KafkaException e) {
            LOG.warnf("Could not wait for the previous owners' last commits (%s): a run resumed now may repeat some"
                    + " records", e.getMessage());
        }
    }

    private void commitAll() {
        for (Channel channel : channels.values()) {
            if (channel.open && !channel.refused && channel.sent.get() != channel.committed) {
                try {
                    producer(channel).runOnSendingThread(p -> {
                        if (channel.open && !channel.refused && channel.sent.get() != channel.committed
                                && !commit(p, channel)) {
                            refuse(p, channel);
                        }
                    }).await().atMost(TRANSACTION_TIMEOUT.multipliedBy(2));
                } catch (RuntimeException e) {
                    LOG.warnf("The %s channel's transaction did not commit: %s", channel.name, e.getMessage());
                }
            }
        }
    }

    /** Commits the open transaction with the owners' group offset and begins the next; false when refused. */
    private boolean commit(Producer<?, ?> producer, Channel channel) {
        long upTo = channel.sent.get();
        ConsumerGroupMetadata group = member;
        try {
            // Offset 0: owners seek on assignment, so the offset only carries the fence.
            producer.sendOffsetsToTransaction(Map.of(channel.control, new OffsetAndMetadata(0, replica)), group);
            producer.commitTransaction();
            channel.committed = upTo;
        } catch (KafkaException e) {
            LOG.infof("The %s channel's commit was refused (%s): its records since the last commit are aborted",
                    channel.name, e.toString());
            return false;
        }
        if (channel.open) {
            producer.beginTransaction();
        }
        return true;
    }

    private void refuse(Producer<?, ?> producer, Channel channel) {
        if (abort(producer, channel)) {
            producer.beginTransaction();
            channel.refused = true;
            String reason = "commit refused";
            committer.execute(() -> onRefused.accept(channel.name, reason));
        }
    }

    private boolean abort(Producer<?, ?> producer, Channel channel) {
        try {
            producer.abortTransaction();
            channel.committed = channel.sent.get();
            return true;
        } catch (KafkaException e) {
            fence(channel, e);
            return false;
        }
    }

    private void fence(Channel channel, KafkaException e) {
        channel.open = false;
        channel.fenced = true;
        LOG.errorf("The %s channel's producer cannot write any more (%s): restart this replica", channel.name,
                e.toString());
        committer.execute(() -> onRefused.accept(channel.name, FENCED));
    }

    /** Waits while a transaction of the channel has its outcome decided but its markers not all written. */
    private void awaitMarkers(Channel channel) {
        String prefix = prefix(channel.name);
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                Collection<TransactionListing> undecided = admin().listTransactions(
                        new ListTransactionsOptions().filterStates(UNDECIDED_MARKERS)).all().get(10, TimeUnit.SECONDS);
                if (undecided.stream().noneMatch(t -> t.transactionalId().startsWith(prefix))) {
                    return;
                }
                Thread.sleep(50);
            }
            LOG.warnf("Transactions of the %s channel still had markers to write after %s", channel.name,
                    SETTLE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("Could not list the %s channel's transactions (%s): a run resumed now may repeat some records",
                    channel.name, e.getMessage());
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(clients.admin());
        }
        return admin;
    }

    /** Whether the channel writes in transactions: when enabled, and when it is Kafka's (tests may swap in others). */
    private boolean transactional(Channel channel) {
        return enabled && kafka.getProducer(channel.name) != null;
    }

    private KafkaProducer<Object, Object> producer(Channel channel) {
        return kafka.getProducer(channel.name);
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        Channel channel = byTopic.get(record.topic());
        if (channel != null) {
            channel.sent.incrementAndGet();
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }

    @PreDestroy
    void stop() {
        committer.shutdownNow();
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }
    }
}
