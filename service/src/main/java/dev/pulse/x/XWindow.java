package dev.pulse.x;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import dev.pulse.kafka.KafkaClients;
import dev.pulse.kafka.TopicTail;
import dev.pulse.source.RecentKeys;

/**
 * The X stream's duplicate window, rebuilt from the tail of its topic when a replica takes the stream over (or a
 * new process first starts it): the ids (record keys) of the newest committed posts, so that what a reconnect with
 * {@code backfill_minutes} sends again is dropped as it was on the previous owner. Only the ids are kept while
 * reading, at most {@code window} of them.
 */
@ApplicationScoped
class XWindow {

    private static final Logger LOG = Logger.getLogger(XWindow.class);
    private static final Comparator<Post> OLDEST_FIRST = Comparator.comparingLong(Post::timestamp);

    private record Post(long timestamp, String id) {
    }

    private final KafkaClients clients;

    XWindow(KafkaClients clients) {
        this.clients = clients;
    }

    /** Offers to {@code recent} the ids of at most {@code window} newest posts of {@code topic}, oldest first. */
    int rebuild(String topic, int window, RecentKeys recent) {
        PriorityQueue<Post> newest = new PriorityQueue<>(OLDEST_FIRST);
        try (TopicTail tail = new TopicTail(clients, topic)) {
            for (TopicPartition partition : tail.partitions()) {
                long end = tail.end(partition);
                tail.scan(partition, Math.max(tail.begin(partition), end - window), end, record -> {
                    if (record.key() != null) {
                        newest.add(new Post(record.timestamp(), new String(record.key(), StandardCharsets.UTF_8)));
                        if (newest.size() > window) {
                            newest.poll();
                        }
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.warnf("X: cannot read %s to rebuild the duplicate window (%s); posts X sends again may be published"
                    + " twice", topic, e.getMessage());
            return 0;
        }
        List<Post> ordered = new ArrayList<>(newest);
        ordered.sort(OLDEST_FIRST);
        ordered.forEach(post -> recent.firstTime(post.id()));
        return ordered.size();
    }
}
