package dev.pulse.x;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pulse.http.Control;
import dev.pulse.http.Problem;
import dev.pulse.http.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * {@code /x/rules}: the filtered stream's rules at X. An invalid rule gets 400 with X's reason.
 */
@Path("/x/rules")
public class XRulesResource {

    private final XRules rules;
    private final XApi api;

    XRulesResource(XRules rules, XApi api) {
        this.rules = rules;
        this.api = api;
    }

    /** Body of {@code POST /x/rules}. */
    public record NewRule(String value, String tag) {
    }

    @GET
    public Uni<List<XRules.Rule>> list() {
        return guarded(rules.list());
    }

    @POST
    public Uni<RestResponse<XRules.Rule>> add(NewRule rule) {
        if (rule == null || rule.value() == null || rule.value().isBlank()) {
            throw new ProblemException(Problem.of(400, "bad-rule", "Bad rule", "the body needs a non-empty \"value\""));
        }
        return guarded(rules.add(rule.value(), rule.tag())).map(r -> RestResponse.status(Response.Status.CREATED, r));
    }

    @DELETE
    @Path("/{id}")
    public Uni<RestResponse<Void>> delete(@RestPath String id) {
        return guarded(rules.delete(List.of(id))).map(v -> RestResponse.noContent());
    }

    private <T> Uni<T> guarded(Uni<T> call) {
        if (!api.hasToken()) {
            throw Control.conflict("no-token", "No X API token", "rules live at X: set pulse.x.bearer-token first");
        }
        return call.onFailure().transform(e -> {
            if (e instanceof XRules.RulesException r) {
                return r.invalid()
                        ? new ProblemException(Problem.of(400, "invalid-rule", "Rule refused by X", r.getMessage()))
                        : new ProblemException(Problem.of(502, "x-error", "X API error", r.getMessage()));
            }
            return new ProblemException(Problem.of(502, "x-unreachable", "X API unreachable",
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        });
    }
}
