package dev.pulse.owner;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness {@code pulse-owners}: DOWN, naming the channels, once a source channel's producer was fenced (another
 * instance took its transactional id, or its transaction could not even be aborted). Such a producer never writes
 * again, and the source it serves cannot run here: a restart gives the replica a new one.
 */
@Liveness
@ApplicationScoped
public class OwnersHealth implements HealthCheck {

    private final SourceTransactions transactions;
    private final Replica replica;

    OwnersHealth(SourceTransactions transactions, Replica replica) {
        this.transactions = transactions;
        this.replica = replica;
    }

    @Override
    public HealthCheckResponse call() {
        var fenced = transactions.fenced();
        var response = HealthCheckResponse.named("pulse-owners").withData("replica", replica.name())
                .withData("transactions", transactions.enabled());
        return fenced.isEmpty() ? response.up().build()
                : response.withData("fenced", String.join(",", fenced)).down().build();
    }
}
