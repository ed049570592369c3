package dev.pulse.x;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Filtered-stream rules at X ({@code /2/tweets/search/stream/rules}, through {@link XRulesClient}): list, add (checked
 * with {@code dry_run} first), delete, and reconcile with {@code pulse.x.rules} at start.
 */
@ApplicationScoped
public class XRules {

    private static final Logger LOG = Logger.getLogger(XRules.class);
    static final String PATH = "/2/tweets/search/stream/rules";

    private final XRulesClient client;
    private final ObjectMapper mapper;

    XRules(@RestClient XRulesClient client, ObjectMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    /** Status and parsed JSON body of a rules call. */
    private record Answer(int status, JsonNode body) {
    }

    /** A rule as X stores it. */
    public record Rule(String id, String value, String tag) {
    }

    /** X refused a rule or a rules call; {@code invalid} when the rule itself is at fault. */
    public static class RulesException extends RuntimeException {
        private final boolean invalid;

        RulesException(String message, boolean invalid) {
            super(message, null, false, false);
            this.invalid = invalid;
        }

        public boolean invalid() {
            return invalid;
        }
    }

    public Uni<List<Rule>> list() {
        return client.list().map(this::answer).map(response -> {
            check(response, "listing rules");
            List<Rule> rules = new ArrayList<>();
            response.body().path("data").forEach(rule -> rules.add(rule(rule)));
            return rules;
        });
    }

    public Uni<Rule> add(String value, String tag) {
        return change(List.of(new Rule(null, value, tag)), true)
                .chain(() -> change(List.of(new Rule(null, value, tag)), false))
                .map(created -> created.isEmpty() ? new Rule(null, value, tag) : created.get(0));
    }

    public Uni<Void> delete(List<String> ids) {
        return client.change(null, Map.<String, Object> of("delete", Map.of("ids", ids))).map(this::answer)
                .invoke(response -> check(response, "deleting rules " + ids)).replaceWithVoid();
    }

    /** Makes X's rules exactly {@code wanted}: validates additions with dry_run, then deletes and adds. */
    Uni<Void> reconcile(List<XConfig.Rule> wanted) {
        List<Rule> desired = wanted.stream().map(r -> new Rule(null, r.value(), r.tag().orElse(null))).toList();
        return list().chain(existing -> {
            List<Rule> toAdd = desired.stream().filter(d -> existing.stream().noneMatch(e -> same(e, d))).toList();
            List<String> toDelete = existing.stream().filter(e -> desired.stream().noneMatch(d -> same(e, d)))
                    .map(Rule::id).toList();
            Uni<?> steps = toAdd.isEmpty() ? Uni.createFrom().voidItem() : change(toAdd, true);
            if (!toDelete.isEmpty()) {
                steps = steps.chain(() -> delete(toDelete));
            }
            if (!toAdd.isEmpty()) {
                steps = steps.chain(() -> change(toAdd, false));
            }
            return steps.invoke(() -> LOG.infof("X rules reconciled with pulse.x.rules: %d kept, %d added, %d deleted",
                    desired.size() - toAdd.size(), toAdd.size(), toDelete.size())).replaceWithVoid();
        });
    }

    private Uni<List<Rule>> change(List<Rule> rules, boolean dryRun) {
        List<Map<String, String>> add = rules.stream().map(r -> r.tag() == null ? Map.of("value", r.value())
                : Map.of("value", r.value(), "tag", r.tag())).toList();
        return client.change(dryRun ? Boolean.TRUE : null, Map.<String, Object> of("add", add)).map(this::answer)
                .map(response -> {
                    JsonNode errors = response.body().path("errors");
                    if (errors.isArray() && !errors.isEmpty()) {
                        JsonNode first = errors.get(0);
                        String value = first.path("value").asText(rules.get(0).value());
                        throw new RulesException("X refused rule '" + value + "': " + reason(first), true);
                    }
                    check(response, "adding rules");
                    List<Rule> created = new ArrayList<>();
                    response.body().path("data").forEach(rule -> created.add(rule(rule)));
                    return created;
                });
    }

    private Answer answer(RestResponse<String> response) {
        String body = response.getEntity();
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
        } catch (Exception e) {
            node = mapper.createObjectNode().put("title", "unreadable answer: " + body.length() + " characters");
        }
        return new Answer(response.getStatus(), node);
    }

    private static void check(Answer response, String what) {
        if (response.status() >= 300) {
            JsonNode body = response.body();
            JsonNode error = body.path("errors").isArray() && !body.path("errors").isEmpty() ? body.path("errors").get(0)
                    : body;
            throw new RulesException("X answered HTTP " + response.status() + " " + what + ": " + reason(error),
                    response.status() == 400);
        }
    }

    private static String reason(JsonNode error) {
        List<String> parts = new ArrayList<>();
        error.path("details").forEach(d -> parts.add(d.asText()));
        for (String field : List.of("detail", "message", "title")) {
            if (parts.isEmpty() && error.hasNonNull(field)) {
                parts.add(error.get(field).asText());
            }
        }
        return parts.isEmpty() ? "no reason given" : String.join("; ", parts);
    }

    private static Rule rule(JsonNode node) {
        return new Rule(node.path("id").asText(null), node.path("value").asText(null), node.path("tag").asText(null));
    }

    private static boolean same(Rule a, Rule b) {
        return Objects.equals(a.value(), b.value()) && Objects.equals(a.tag(), b.tag());
    }
}
