package dev.pulse.x;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Turns stream lines into records for {@code tweets}: a post (key = {@code data.id}, value = the line exactly as
 * received, headers {@code pulse-source} and {@code pulse-rule-tags}); error lines are counted and logged, never
 * published, and a disconnect notice ends the connection; malformed lines and duplicate ids are skipped.
 */
final class PostHandler {

    private static final Logger LOG = Logger.getLogger(PostHandler.class);

    private final ObjectMapper mapper;
    private final byte[] source;
    private final RecentIds recent;
    private final XStats stats;
    private final LineRecorder recorder;

    PostHandler(ObjectMapper mapper, XMode mode, RecentIds recent, XStats stats, LineRecorder recorder) {
        this.mapper = mapper;
        this.source = ("x-" + mode.label()).getBytes(StandardCharsets.UTF_8);
        this.recent = recent;
        this.stats = stats;
        this.recorder = recorder;
    }

    List<Message<String>> handle(StreamLine line) {
        switch (line.kind()) {
            case KEEP_ALIVE -> {
                stats.keepAlives.incrementAndGet();
                return List.of();
            }
            case OVERSIZED -> {
                stats.malformed();
                LOG.warnf("X stream: skipped a line of %d bytes (over pulse.x.max-line-bytes)", line.size());
                return List.of();
            }
            default -> {
                return post(line.bytes());
            }
        }
    }

    private List<Message<String>> post(byte[] bytes) {
        stats.received();
        recorder.append(bytes);
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (Exception e) {
            return malformed(bytes, "not JSON");
        }
        if (node == null || !node.isObject()) {
            return malformed(bytes, "not a JSON object");
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
        List<Message<String>> out = List.of();
        if (data != null && data.isObject() && data.path("id").isTextual()) {
            String id = data.get("id").asText();
            if (recent.firstTime(id)) {
                out = List.of(message(id, new String(bytes, StandardCharsets.UTF_8), node));
            } else {
                stats.duplicate();
            }
        } else if (errors == null && !node.has("title")) {
            return malformed(bytes, "no data.id");
        }
        if (disconnect) {
            throw new XStreamException(XStreamException.Cause.NETWORK, "X ended the connection: " + describe(node));
        }
        return out;
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

    private Message<String> message(String id, String line, JsonNode node) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("pulse-source", source);
        JsonNode rules = node.get("matching_rules");
        if (rules != null && rules.isArray() && !rules.isEmpty()) {
            List<String> tags = new ArrayList<>();
            rules.forEach(rule -> tags.add(rule.path("tag").asText(rule.path("id").asText())));
            headers.add("pulse-rule-tags", String.join(",", tags).getBytes(StandardCharsets.UTF_8));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(id).withHeaders(headers).build();
        return Message.of(line, Metadata.of(metadata), () -> {
            stats.published();
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }, failure -> {
            LOG.errorf("X stream: Kafka did not acknowledge post %s: %s", id, failure.getMessage());
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        });
    }

    private List<Message<String>> malformed(byte[] bytes, String why) {
        stats.malformed();
        String text = new String(bytes, 0, Math.min(bytes.length, 120), StandardCharsets.UTF_8);
        LOG.warnf("X stream: skipped a malformed line (%s, %d bytes): %s%s", why, bytes.length, text,
                bytes.length > 120 ? "…" : "");
        return List.of();
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
