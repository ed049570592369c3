package dev.pulse.messages;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pulse.http.Problem;
import dev.pulse.http.ProblemException;
import dev.pulse.json.JsonSyntax;
import dev.pulse.json.JsonSyntaxException;
import dev.pulse.kafka.TopicsConfig;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /messages}: a JSON body becomes one record on {@code sample}, an NDJSON body one record per line.
 * The answer comes after Kafka acknowledged every record; a batch with one bad line sends nothing.
 */
@Path("/messages")
public class MessagesResource {

    static final String NDJSON = "application/x-ndjson";

    private final MessagePublisher publisher;
    private final JsonSyntax json;
    private final RestConfig config;
    private final String topic;

    MessagesResource(MessagePublisher publisher, JsonSyntax json, RestConfig config, TopicsConfig topics) {
        this.publisher = publisher;
        this.json = json;
        this.config = config;
        this.topic = topics.sample();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Object>> post(@RestHeader("Content-Type") String contentType, @RestQuery String key,
            byte[] body) {
        boolean ndjson = ndjson(contentType);
        if (body.length > config.maxBytes().asLongValue()) {
            throw BodyLimit.tooLarge(body.length, config.maxBytes().asLongValue());
        }
        List<String> records = ndjson ? lines(body) : List.of(single(body));
        Duration timeout = config.timeout();
        return publisher.send(key, records)
                .ifNoItem().after(timeout).failWith(() -> unavailable(
                        "Kafka did not acknowledge within pulse.rest.timeout=" + timeout.toMillis() + "ms"))
                .map(outcomes -> answer(outcomes, ndjson));
    }

    private RestResponse<Object> answer(List<Outcome> outcomes, boolean ndjson) {
        List<Receipt> receipts = new ArrayList<>(outcomes.size());
        Throwable failure = null;
        for (Outcome outcome : outcomes) {
            if (outcome.failure() == null) {
                receipts.add(Receipt.of(outcome.metadata(), topic));
            } else if (failure == null) {
                failure = outcome.failure();
            }
        }
        if (failure != null) {
            String done = outcomes.size() > 1
                    ? receipts.size() + " of " + outcomes.size() + " records were acknowledged, the others not: "
                    : "";
            if (failure instanceof RecordTooLargeException) {
                throw new ProblemException(Problem.of(413, "record-too-large", "Record too large",
                        done + "the broker rejects records this large (" + failure.getMessage() + ")"));
            }
            throw unavailable(done + "Kafka did not acknowledge: " + failure.getMessage());
        }
        return RestResponse.status(Response.Status.CREATED, ndjson ? receipts : receipts.get(0));
    }

    private ProblemException unavailable(String detail) {
        long retry = Math.max(1, config.timeout().toSeconds());
        return new ProblemException(Problem.of(503, "broker-unavailable", "Kafka unavailable", detail), retry);
    }

    private static boolean ndjson(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null || !(type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                || type.isCompatible(MediaType.valueOf(NDJSON)))) {
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "POST /messages takes application/json (one record) or " + NDJSON + " (one record per line), not "
                            + (contentType == null ? "a body without Content-Type" : "'" + contentType + "'")));
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw new ProblemException(Problem.of(415, "unsupported-charset", "Unsupported charset",
                    "records are UTF-8 JSON; charset '" + charset + "' is not accepted"));
        }
        return type.getSubtype().equals("x-ndjson");
    }

    private String single(byte[] body) {
        try {
            json.check(body, 0, body.length);
        } catch (JsonSyntaxException e) {
            throw badJson("body is not one JSON value: " + e.getMessage(), e.line(), e.column());
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private List<String> lines(byte[] body) {
        List<String> records = new ArrayList<>();
        int line = 0;
        int start = 0;
        while (start < body.length) {
            line++;
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            int stop = end;
            while (stop > start && isSpace(body[stop - 1])) {
                stop--;
            }
            int from = start;
            while (from < stop && isSpace(body[from])) {
                from++;
            }
            if (from < stop) {
                try {
                    json.check(body, from, stop - from);
                } catch (JsonSyntaxException e) {
                    throw badJson("line " + line + " is not one JSON value: " + e.getMessage()
                            + "; no record of this batch was sent", line, e.column() + (from - start));
                }
                records.add(new String(body, from, stop - from, StandardCharsets.UTF_8));
            }
            start = end + 1;
        }
        if (records.isEmpty()) {
            throw new ProblemException(Problem.of(400, "empty-batch", "Empty batch", "the NDJSON body has no record"));
        }
        return records;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private static ProblemException badJson(String detail, int line, int column) {
        return new ProblemException(Problem.of(400, "bad-json", "Bad JSON", detail).at(line, column));
    }
}
