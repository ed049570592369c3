package dev.pulse.x;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.source.RecentKeys;
import dev.pulse.source.StreamLine;
import io.smallrye.mutiny.Multi;

/**
 * Turns stream lines into Kafka records for channel {@code tweets}: a post becomes a message whose payload is the
 * line exactly as received and whose {@link OutgoingKafkaRecordMetadata} holds the key ({@code data.id}) and the
 * headers {@code pulse-source} and {@code pulse-rule-tags}; it counts as published when Kafka acknowledged it. Error
 * lines are counted and logged, never published, and a disconnect notice ends the connection (after the posts before
 * it); malformed lines and duplicate ids are skipped.
 */
final class PostHandler {

    private static final Logger LOG = Logger.getLogger(PostHandler.class);

    private final ObjectMapper mapper;
    private final byte[] source;
    private final RecentKeys recent;
    private final XStats stats;
    private final LineRecorder recorder;

    PostHandler(ObjectMapper mapper, XMode mode, RecentKeys recent, XStats stats, LineRecorder recorder) {
        this.mapper = mapper;
        this.source = ("x-" + mode.label()).getBytes(StandardCharsets.UTF_8);
        this.recent = recent;
        this.stats = stats;
        this.recorder = recorder;
    }

    /**
     * A chunk's lines in order → its posts' messages; a line that ends the connection fails the stream after the
     * posts before it.
     */
    Multi<Message<byte[]>> messages(List<StreamLine> lines) {
        List<Message<byte[]>> posts = new ArrayList<>(lines.size());
        try {
            for (StreamLine line : lines) {
                handle(line, posts);
            }
        } catch (XStreamException end) {
            return Multi.createBy().concatenating().streams(Multi.createFrom().iterable(posts),
                    Multi.createFrom().failure(end));
        }
        return posts.isEmpty() ? Multi.createFrom().empty() : Multi.createFrom().iterable(posts);
    }

    private void handle(StreamLine line, List<Message<byte[]>> posts) {
        switch (line.kind()) {
            case KEEP_ALIVE -> stats.keepAlives.incrementAndGet();
            case OVERSIZED -> {
                stats.malformed.incrementAndGet();
                LOG.warnf("X stream: skipped a line of %d bytes (over pulse.x.max-line-bytes)", line.size());
            }
            default -> post(line.bytes(), posts);
        }
    }

    private void post(byte[] bytes, List<Message<byte[]>> posts) {
        stats.received.incrementAndGet();
        recorder.append(bytes);
        JsonNode node;
        try {
            PostFields post = PostFields.read(mapper, bytes);
            if (post != null) {
                publish(post.id(), bytes, post.rules(), posts);
                return;
            }
            node = mapper.readTree(bytes);
        } catch (IOException e) {
            malformed(bytes, "not JSON");
            return;
        }
        if (node == null || !node.isObject()) {
            malformed(bytes, "not a JSON object");
            return;
        }
        JsonNode errors = node.get("errors");
        boolean disconnect = false;
        if (errors != null && errors.isArray()) {
            for (JsonNode error : errors) {
                disconnect |= error(error);
            }
        } else if (node.has("title") && !node.has("data")) {
            disconnect |= error(node);
        }
        JsonNode data = node.get("data");
        if (data != null && data.isObject() && data.path("id").isTextual()) {
            publish(data.get("id").asText(), bytes, node.get("matching_rules"), posts);
        } else if (errors == null && !node.has("title")) {
            malformed(bytes, "no data.id");
            return;
        }
        if (disconnect) {
            throw new XStreamException(XStreamException.Cause.NETWORK, "X ended the connection: " + describe(node));
        }
    }

    /** Counts and logs an error object; true when X says the connection is ending. */
    private boolean error(JsonNode error) {
        String title = error.path("title").asText("unknown");
        stats.error(title);
        LOG.warnf("X stream error line: %s", describe(error));
        boolean operational = title.equals("operational-disconnect") || error.has("disconnect_type");
        if (title.equals("ConnectionException")) {
            throw new XStreamException(XStreamException.Cause.HTTP, "X refused the connection: " + describe(error));
        }
        return operational;
    }

    private void publish(String id, byte[] line, JsonNode rules, List<Message<byte[]>> posts) {
        if (!recent.firstTime(id)) {
            stats.duplicates.incrementAndGet();
            return;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add("pulse-source", source);
        if (rules != null && rules.isArray() && !rules.isEmpty()) {
            List<String> tags = new ArrayList<>();
            rules.forEach(rule -> tags.add(rule.path("tag").asText(rule.path("id").asText())));
            headers.add("pulse-rule-tags", String.join(",", tags).getBytes(StandardCharsets.UTF_8));
        }
        posts.add(stats.message(line, id, headers));
    }

    private void malformed(byte[] bytes, String why) {
        stats.malformed.incrementAndGet();
        String text = new String(bytes, 0, Math.min(bytes.length, 120), StandardCharsets.UTF_8);
        LOG.warnf("X stream: skipped a malformed line (%s, %d bytes): %s%s", why, bytes.length, text,
                bytes.length > 120 ? "…" : "");
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
