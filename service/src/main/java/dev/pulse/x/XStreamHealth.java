package dev.pulse.x;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.Wellness;

/**
 * Wellness check {@code x-stream} ({@code /q/health/well}): DOWN after 401/403 or a live stream disconnected longer
 * than {@code pulse.x.max-disconnected}. Not readiness: X's trouble must not take REST emit out of a load balancer.
 */
@Wellness
@ApplicationScoped
public class XStreamHealth implements HealthCheck {

    private final XStreamPublisher publisher;

    XStreamHealth(XStreamPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public HealthCheckResponse call() {
        XStatus status = publisher.status();
        var response = HealthCheckResponse.named("x-stream").withData("mode", status.mode())
                .withData("state", status.state());
        return publisher.problem().map(problem -> response.withData("reason", problem).down().build())
                .orElseGet(() -> response.up().build());
    }
}
