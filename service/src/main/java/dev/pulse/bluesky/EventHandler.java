package dev.pulse.bluesky;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.source.RecentKeys;

/**
 * Turns Jetstream messages into Kafka records for channel {@code bluesky}: an event of a wanted kind becomes a message
 * whose payload is the message exactly as received, keyed {@code at://{did}/{collection}/{rkey}} (a commit) or
 * {@code at://{did}} (identity, account), with headers {@code pulse-source} and {@code pulse-time-us}. It counts as
 * published when Kafka acknowledged it. Binary, oversized and non-JSON messages, events of other kinds and events
 * already published (same key and revision, or same time for identity and account) are counted and skipped.
 */
final class EventHandler {

    static final String SOURCE = "pulse-source";
    static final String TIME_US = "pulse-time-us";
    static final String LIVE = "bluesky-jetstream";
    static final String REPLAY = "bluesky-replay";

    private static final Logger LOG = Logger.getLogger(EventHandler.class);

    private final ObjectMapper mapper;
    private final boolean live;
    private final byte[] source;
    private final Set<BlueskyConfig.Kind> kinds;
    private final RecentKeys recent;
    private final BlueskyStats stats;

    EventHandler(ObjectMapper mapper, boolean live, Set<BlueskyConfig.Kind> kinds, RecentKeys recent,
            BlueskyStats stats) {
        this.mapper = mapper;
        this.live = live;
        this.source = (live ? LIVE : REPLAY).getBytes(StandardCharsets.UTF_8);
        this.kinds = kinds;
        this.recent = recent;
        this.stats = stats;
    }

    /** The record of a message, or null when it is skipped. */
    Message<byte[]> message(JetstreamFrame frame) {
        stats.received.incrementAndGet();
        return switch (frame.type()) {
            case BINARY -> skip("binary", "a binary message of " + frame.size() + " bytes");
            case OVERSIZED -> skip("oversized", "a message of " + frame.size()
                    + " bytes (over pulse.bluesky.max-message-bytes)");
            case TEXT -> event(frame.bytes());
        };
    }

    /** Where a dedup key of an event already in the topic comes from: the same fields as {@link #message}. */
    static String identity(String key, JsonNode event) {
        JsonNode commit = event.get("commit");
        if (commit != null && commit.isObject()) {
            return key + ' ' + commit.path("rev").asText("") + ' ' + commit.path("operation").asText("")
                    + ' ' + commit.path("cid").asText("");
        }
        return key + ' ' + event.path("kind").asText("") + ' ' + event.path("time_us").asText("");
    }

    /** The record key of an event, or null when it is not a Jetstream event. */
    static String key(JsonNode event) {
        JsonNode did = event.get("did");
        if (did == null || !did.isTextual() || !event.path("time_us").canConvertToLong()) {
            return null;
        }
        if (!"commit".equals(event.path("kind").asText())) {
            return "at://" + did.asText();
        }
        JsonNode commit = event.path("commit");
        if (!commit.path("collection").isTextual() || !commit.path("rkey").isTextual()) {
            return null;
        }
        return "at://" + did.asText() + '/' + commit.get("collection").asText() + '/' + commit.get("rkey").asText();
    }

    private Message<byte[]> event(byte[] bytes) {
        JsonNode event;
        try {
            event = mapper.readTree(bytes);
        } catch (IOException e) {
            return skip("not-json", "a message that is not JSON: " + preview(bytes));
        }
        if (event == null || !event.isObject()) {
            return skip("not-json", "a message that is not a JSON object: " + preview(bytes));
        }
        String key = key(event);
        if (key == null) {
            return skip("not-an-event", "a message without did, time_us or commit collection and rkey: "
                    + preview(bytes));
        }
        long timeUs = event.get("time_us").asLong();
        if (live) {
            stats.seen(timeUs); // a capture's times are not where Jetstream resumes
        }
        BlueskyConfig.Kind kind = kind(event.path("kind").asText());
        if (kind == null || !kinds.contains(kind)) {
            stats.skipped("kind");
            return null;
        }
        if (!recent.firstTime(identity(key, event))) {
            stats.duplicates.incrementAndGet();
            return null;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(SOURCE, source);
        headers.add(TIME_US, Long.toString(timeUs).getBytes(StandardCharsets.UTF_8));
        return stats.message(bytes, key, headers);
    }

    private static BlueskyConfig.Kind kind(String text) {
        return switch (text) {
            case "commit" -> BlueskyConfig.Kind.COMMIT;
            case "identity" -> BlueskyConfig.Kind.IDENTITY;
            case "account" -> BlueskyConfig.Kind.ACCOUNT;
            default -> null;
        };
    }

    /** Counts a skipped message; logs the first, then at most one a 10 s (no flood from a misbehaving server). */
    private Message<byte[]> skip(String reason, String what) {
        long n = stats.skipped(reason);
        if (stats.skipLog.due(n)) {
            LOG.warnf("Bluesky: skipped %s (%d skipped so far)", what, n);
        }
        return null;
    }

    private static String preview(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 120), StandardCharsets.UTF_8);
        return text + (bytes.length > 120 ? "…" : "");
    }
}
