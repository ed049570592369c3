package dev.pulse.x;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.source.UserAgent;
import io.smallrye.config.Secret;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * X's streaming endpoints over the Vert.x HTTP client ({@code quarkus.rest-client.x-api.url}), read with
 * back-pressure: in Quarkus 3.33 the REST client has neither back-pressure nor line framing for a body that is not
 * server-sent events. The bearer token goes into the Authorization header only. Closing this app's connections, after a
 * {@code TooManyConnections}, goes through the REST client ({@link XConnectionsClient}).
 */
@ApplicationScoped
public class XApi {

    private static final int ERROR_BODY_LIMIT = 4096;
    /** Body chunks of up to 64 KB (Vert.x's default is 8 KB): each chunk costs a pass through the operators. */
    private static final int MAX_CHUNK_BYTES = 64 * 1024;

    private final HttpClient client;
    private final URI base;
    private final XConfig config;
    private final ObjectMapper mapper;
    private final UserAgent userAgent;
    private final XConnectionsClient connections;
    private final AtomicReference<HttpClientRequest> streaming = new AtomicReference<>();

    XApi(Vertx vertx, XConfig config, ObjectMapper mapper, UserAgent userAgent,
            @ConfigProperty(name = "quarkus.rest-client.x-api.url") String url, @RestClient XConnectionsClient connections) {
        this.config = config;
        this.connections = connections;
        this.mapper = mapper;
        this.userAgent = userAgent;
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        int connectMs = (int) Math.min(Integer.MAX_VALUE, config.stallTimeout().toMillis());
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(connectMs)
                .setIdleTimeout(0)
                .setKeepAlive(false)
                .setMaxChunkSize(MAX_CHUNK_BYTES)
                .setMaxPoolSize(4));
    }

    boolean hasToken() {
        return config.bearerToken().map(Secret::get).filter(t -> !t.isBlank()).isPresent();
    }

    /**
     * Opens the stream of a live mode; the items are the raw body chunks. Fails with {@link XStreamException}. A
     * connection opened while {@code stopped} turned true is closed at once: a stop never leaves one open.
     */
    Multi<Buffer> stream(XMode mode, BooleanSupplier stopped) {
        RequestOptions options = request(HttpMethod.GET, mode.path() + query());
        return client.request(options)
                .invoke(request -> {
                    streaming.set(request);
                    if (stopped.getAsBoolean()) { // the stop's disconnect() may have run before the set
                        disconnect();
                    }
                })
                .chain(HttpClientRequest::send)
                .onFailure(e -> !(e instanceof XStreamException))
                .transform(e -> new XStreamException(XStreamException.Cause.NETWORK, "cannot connect to " + base
                        + ": " + describe(e)))
                .onItem().transformToMulti(response -> {
                    if (response.statusCode() == 200) {
                        return response.toMulti();
                    }
                    return failure(mode, response).toMulti();
                })
                .onFailure(e -> !(e instanceof XStreamException))
                .transform(e -> new XStreamException(XStreamException.Cause.NETWORK, "stream broke: " + describe(e)));
    }

    /**
     * Closes every stream connection X holds for this app ({@code DELETE /2/connections/all}); completes once X
     * confirmed, fails with X's status when it did not.
     */
    Uni<Void> closeConnections() {
        return connections.closeAll().onItem().transform(response -> {
            if (response.getStatus() / 100 != 2) {
                throw new XStreamException(XStreamException.Cause.HTTP,
                        "X answered HTTP " + response.getStatus() + " on DELETE /2/connections/all");
            }
            return null;
        });
    }

    /** Closes the live stream connection, if one is open. */
    void disconnect() {
        HttpClientRequest request = streaming.getAndSet(null);
        if (request != null) {
            request.connection().close().subscribe().with(ok -> {
            }, failure -> {
            });
        }
    }

    private Uni<Buffer> failure(XMode mode, HttpClientResponse response) {
        int status = response.statusCode();
        String reset = response.getHeader("x-rate-limit-reset");
        return response.body().onFailure().recoverWithItem(Buffer.buffer()).map(body -> {
            String reason = reason(body);
            String at = "X answered HTTP " + status + " on " + mode.path() + (reason.isEmpty() ? "" : " (" + reason + ")");
            throw switch (status) {
                case 401 -> new XStreamException(XStreamException.Cause.AUTH,
                        at + ": the bearer token was rejected; set a valid pulse.x.bearer-token");
                case 403 -> new XStreamException(XStreamException.Cause.FORBIDDEN, at
                        + ": the account's access level does not include this endpoint (the sampled stream is"
                        + " Enterprise-only); use pulse.x.stream=filtered, or replay");
                case 429 -> tooManyRequests(at, body, resetInstant(reset));
                default -> new XStreamException(XStreamException.Cause.HTTP, at);
            };
        });
    }

    /** A 429 is one of three things at X: the request rate, the monthly usage cap, or a connection X still holds. */
    private XStreamException tooManyRequests(String at, Buffer body, Instant reset) {
        JsonNode problem = body.length() == 0 ? mapper.createObjectNode()
                : parse(body.length() > ERROR_BODY_LIMIT ? body.getBuffer(0, ERROR_BODY_LIMIT) : body);
        String type = text(problem, "type");
        if (type.endsWith("/usage-capped") || text(problem, "title").equals("UsageCapExceeded")) {
            String period = text(problem, "period");
            return new XStreamException(XStreamException.Cause.USAGE_CAPPED, at + ": the project's "
                    + (period.isEmpty() ? "monthly" : period.toLowerCase(Locale.ROOT))
                    + " usage cap (posts read per billing cycle) is used up; Pulse does not reconnect until you start"
                    + " it again after the cap resets" + (reset == null ? "" : " (X names " + reset + ")")
                    + "; the Developer Console shows the usage and the reset day", reset);
        }
        if (text(problem, "connection_issue").equals("TooManyConnections")) {
            return new XStreamException(XStreamException.Cause.TOO_MANY_CONNECTIONS, at + ": X still holds a stream"
                    + " connection of this app (a process that ended without closing it, or another Pulse); "
                    + (config.resetConnections() ? "Pulse closes it (pulse.x.reset-connections) before the next try"
                            : "set pulse.x.reset-connections=true to let Pulse close it before the next try,"
                                    + " or wait for X to drop it"),
                    reset);
        }
        return new XStreamException(XStreamException.Cause.RATE_LIMIT, at, reset);
    }

    private RequestOptions request(HttpMethod method, String pathAndQuery) {
        RequestOptions options = new RequestOptions().setMethod(method)
                .setAbsoluteURI(base + pathAndQuery)
                .setFollowRedirects(false);
        headers().forEach(options::putHeader);
        return options;
    }

    /**
     * The headers of every call to X, streaming or REST: {@code Authorization: Bearer <pulse.x.bearer-token>} (when
     * set) and Pulse's {@code User-Agent}. The token goes into this header only.
     */
    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        config.bearerToken().map(Secret::get).ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        headers.put("User-Agent", userAgent.value());
        return headers;
    }

    private String query() {
        XConfig.Fields fields = config.fields();
        StringBuilder query = new StringBuilder();
        param(query, "tweet.fields", fields.tweetFields().orElse(null));
        param(query, "expansions", fields.expansions().orElse(null));
        param(query, "user.fields", fields.userFields().orElse(null));
        param(query, "media.fields", fields.mediaFields().orElse(null));
        param(query, "place.fields", fields.placeFields().orElse(null));
        param(query, "poll.fields", fields.pollFields().orElse(null));
        if (fields.backfillMinutes().isPresent()) {
            param(query, "backfill_minutes", Integer.toString(fields.backfillMinutes().getAsInt()));
        }
        return query.toString();
    }

    private static void param(StringBuilder query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.append(query.isEmpty() ? '?' : '&').append(name).append('=')
                    .append(URLEncoder.encode(value.trim(), StandardCharsets.UTF_8));
        }
    }

    private JsonNode parse(Buffer body) {
        try {
            return body.length() == 0 ? mapper.createObjectNode() : mapper.readTree(body.getBytes());
        } catch (Exception e) {
            return mapper.createObjectNode().put("title", "unreadable answer: " + body.length() + " bytes");
        }
    }

    /** X's reason from an error body: title and detail, shortened. */
    private String reason(Buffer body) {
        if (body.length() == 0) {
            return "";
        }
        JsonNode node = parse(body.length() > ERROR_BODY_LIMIT ? body.getBuffer(0, ERROR_BODY_LIMIT) : body);
        JsonNode error = node.has("errors") && node.get("errors").isArray() && !node.get("errors").isEmpty()
                ? node.get("errors").get(0)
                : node;
        String title = text(error, "title");
        String type = text(error, "reason");
        String detail = text(error, "detail");
        String reason = String.join(": ", Stream.of(title, type, detail)
                .filter(s -> !s.isEmpty()).toList());
        return reason.length() > 300 ? reason.substring(0, 300) + "…" : reason;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static Instant resetInstant(String header) {
        try {
            return header == null ? null : Instant.ofEpochSecond(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @PreDestroy
    void close() {
        disconnect();
        client.closeAndAwait();
    }
}
