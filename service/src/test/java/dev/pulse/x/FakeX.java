package dev.pulse.x;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A local server that behaves like X's streaming API, driven by scripted replies: chunks split anywhere, pauses,
 * keep-alives, error statuses, abrupt closes. Also keeps filtered-stream rules.
 */
public final class FakeX {

    /** One scripted reply to a stream connection. */
    public static final class Reply {
        private final List<Object[]> steps = new ArrayList<>();
        private int status = 200;
        private final Map<String, String> headers = new HashMap<>();

        public Reply status(int code) {
            status = code;
            return this;
        }

        public Reply header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Reply write(String text) {
            return write(text.getBytes(StandardCharsets.UTF_8));
        }

        public Reply write(byte[] bytes) {
            steps.add(new Object[] { "write", bytes });
            return this;
        }

        public Reply pause(long millis) {
            steps.add(new Object[] { "pause", millis });
            return this;
        }

        /** Keeps the connection open with a keep-alive every 100 ms for a minute. */
        public Reply hold() {
            for (int i = 0; i < 600; i++) {
                write("\r\n").pause(100);
            }
            return this;
        }

        /** Closes the TCP connection without ending the response. */
        public Reply cut() {
            steps.add(new Object[] { "cut" });
            return this;
        }

        public Reply end() {
            steps.add(new Object[] { "end" });
            return this;
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    /** When each stream connection came ({@link System#nanoTime()}). */
    public final List<Long> connections = new CopyOnWriteArrayList<>();
    /** Each stream connection's path and query. */
    public final List<String> paths = new CopyOnWriteArrayList<>();
    /** The {@code Authorization} and {@code User-Agent} headers of every request, in order. */
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    public final List<String> userAgents = new CopyOnWriteArrayList<>();
    /** The rules API's calls, {@code METHOD body}, and the rules it holds now. */
    public final List<String> ruleCalls = new CopyOnWriteArrayList<>();
    public final List<JsonObject> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionResets = new AtomicInteger();
    private final List<HttpServerRequest> open = new CopyOnWriteArrayList<>();
    private final Set<Object> streamConnections = ConcurrentHashMap.newKeySet();
    private HttpServer server;
    private int nextRuleId = 100;

    /** A post as X's stream sends it: {@code data} with its id, text and author. */
    public static String post(String id, String text) {
        return new JsonObject().put("data", new JsonObject().put("id", id).put("text", text).put("author_id", "7"))
                .encode();
    }

    /** Listens on a free loopback port; returns it. */
    public int start() {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        return server.actualPort();
    }

    public void stop() {
        vertx.close();
    }

    /** Queues replies for the next stream connections; when none is queued, a connection is held with keep-alives. */
    public void script(Reply... next) {
        replies.addAll(List.of(next));
    }

    /** Forgets everything: scripted replies, what was received, the rules; closes the open stream connections. */
    public void reset() {
        replies.clear();
        connections.clear();
        paths.clear();
        authorizations.clear();
        userAgents.clear();
        ruleCalls.clear();
        rules.clear();
        connectionResets.set(0);
        open.forEach(r -> r.connection().close());
        open.clear();
    }

    /** Stream connections (TCP) that are still open. */
    public int openStreams() {
        return streamConnections.size();
    }

    /** Calls of X's Connections API ({@code DELETE /2/connections/all}). */
    public int connectionResets() {
        return connectionResets.get();
    }

    public void setRules(JsonObject... initial) {
        rules.clear();
        rules.addAll(List.of(initial));
    }

    private void handle(HttpServerRequest request) {
        authorizations.add(String.valueOf(request.getHeader("Authorization")));
        userAgents.add(String.valueOf(request.getHeader("User-Agent")));
        if (request.path().equals("/2/connections/all") && request.method().name().equals("DELETE")) {
            connectionResets.incrementAndGet();
            // X drops the connections it held; the answer's body is not read
            request.response().putHeader("Content-Type", "application/json").end("{\"data\":{}}");
            return;
        }
        if (request.path().equals("/2/tweets/search/stream/rules")) {
            request.body().onSuccess(body -> rulesCall(request, body));
            return;
        }
        connections.add(System.nanoTime());
        paths.add(request.uri());
        Object connection = request.connection();
        if (streamConnections.add(connection)) {
            request.connection().closeHandler(v -> streamConnections.remove(connection));
        }
        Reply reply = replies.poll();
        if (reply == null) {
            reply = new Reply().hold();
        }
        request.response().setStatusCode(reply.status);
        reply.headers.forEach(request.response()::putHeader);
        if (reply.status != 200) {
            request.response()
                    .end(reply.steps.isEmpty() ? "" : new String((byte[]) reply.steps.get(0)[1], StandardCharsets.UTF_8));
            return;
        }
        request.response().setChunked(true).putHeader("Content-Type", "application/json");
        open.add(request);
        run(request, reply.steps, 0);
    }

    private void run(HttpServerRequest request, List<Object[]> steps, int index) {
        if (index >= steps.size() || request.response().closed()) {
            return;
        }
        Object[] step = steps.get(index);
        switch ((String) step[0]) {
            case "write" -> {
                request.response().write(Buffer.buffer((byte[]) step[1]));
                run(request, steps, index + 1);
            }
            case "pause" -> vertx.setTimer((Long) step[1], t -> run(request, steps, index + 1));
            case "cut" -> request.connection().close();
            case "end" -> request.response().end();
            default -> throw new IllegalStateException();
        }
    }

    private synchronized void rulesCall(HttpServerRequest request, Buffer body) {
        ruleCalls.add(request.method() + " " + request.uri() + (body.length() > 0 ? " " + body : ""));
        if (request.method().name().equals("GET")) {
            JsonObject answer = new JsonObject().put("meta", new JsonObject().put("result_count", rules.size()));
            if (!rules.isEmpty()) {
                answer.put("data", new JsonArray(new ArrayList<>(rules)));
            }
            request.response().putHeader("Content-Type", "application/json").end(answer.encode());
            return;
        }
        JsonObject command = body.toJsonObject();
        boolean dryRun = request.uri().contains("dry_run=true");
        JsonObject answer = new JsonObject();
        if (command.containsKey("add")) {
            JsonArray created = new JsonArray();
            for (Object o : command.getJsonArray("add")) {
                JsonObject rule = (JsonObject) o;
                if (rule.getString("value").contains("INVALID")) {
                    answer.put("errors", new JsonArray().add(new JsonObject().put("value", rule.getString("value"))
                            .put("details", new JsonArray().add("Rules must contain a non-stopword term"))
                            .put("title", "Invalid Rule")));
                    request.response().putHeader("Content-Type", "application/json").end(answer.encode());
                    return;
                }
                JsonObject stored = rule.copy().put("id", String.valueOf(nextRuleId++));
                created.add(stored);
            }
            if (!dryRun) {
                created.forEach(r -> rules.add((JsonObject) r));
            }
            answer.put("data", created);
        } else if (command.containsKey("delete")) {
            List<Object> ids = command.getJsonObject("delete").getJsonArray("ids").getList();
            rules.removeIf(r -> ids.contains(r.getString("id")));
        }
        request.response().setStatusCode(dryRun ? 200 : 201).putHeader("Content-Type", "application/json")
                .end(answer.encode());
    }
}
