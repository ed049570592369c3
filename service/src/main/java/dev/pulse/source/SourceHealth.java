package dev.pulse.source;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A live source's health check, with its mode and state, DOWN with a reason when it has a problem. Sources report in
 * wellness ({@code @Wellness}, {@code /q/health/well}), never readiness: a source's trouble (a bad token, a cap
 * reached, a long disconnect) must not take REST emit out of a load balancer.
 */
public abstract class SourceHealth implements HealthCheck {

    private final String name;
    private final LiveSource source;

    protected SourceHealth(String name, LiveSource source) {
        this.name = name;
        this.source = source;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(name).withData("mode", source.mode()).withData("state", source.state());
        return source.problem().map(problem -> response.withData("reason", problem).down().build())
                .orElseGet(() -> response.up().build());
    }
}
