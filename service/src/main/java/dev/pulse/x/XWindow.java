package dev.pulse.x;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import dev.pulse.kafka.KafkaClients;
import dev.pulse.kafka.TopicTail;
import dev.pulse.source.RecentKeys;

/**
 * The X stream's duplicate window, rebuilt from the tail of its topic when a live session starts (on a new process,
 * or on a replica taking the stream over): the ids (record keys) of the newest committed posts, so that what a
 * reconnect or {@code backfill_minutes} sends again is dropped as it was on the previous owner.
 */
@ApplicationScoped
class XWindow {

    private static final Logger LOG = Logger.getLogger(XWindow.class);

    private record Post(long timestamp, String id) {
    }

    private final KafkaClients clients;

    XWindow(KafkaClients clients) {
        this.clients = clients;
    }

    /** Offers to {@code recent} the ids of at most {@code window} newest posts of {@code topic}, oldest first. */
    int rebuild(String topic, int window, RecentKeys recent) {
        List<Post> posts = new ArrayList<>();
        try (TopicTail tail = new TopicTail(clients, topic)) {
            for (TopicPartition partition : tail.partitions()) {
                long end = tail.end(partition);
                for (ConsumerRecord<byte[], byte[]> record : tail.read(partition,
                        Math.max(tail.begin(partition), end - window), end)) {
                    if (record.key() != null) {
                        posts.add(new Post(record.timestamp(), new String(record.key(), StandardCharsets.UTF_8)));
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("X: cannot read %s to rebuild the duplicate window (%s); posts X sends again may be published"
                    + " twice", topic, e.getMessage());
            return 0;
        }
        posts.sort(Comparator.comparingLong(Post::timestamp));
        List<Post> newest = posts.subList(Math.max(0, posts.size() - window), posts.size());
        newest.forEach(post -> recent.firstTime(post.id()));
        return newest.size();
    }
}
