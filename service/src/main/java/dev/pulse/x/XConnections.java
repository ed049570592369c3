package dev.pulse.x;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Closes the stream connections X holds for this app ({@code DELETE /2/connections/all}), after a
 * {@code TooManyConnections} when {@code pulse.x.reset-connections=true}.
 */
@ApplicationScoped
class XConnections {

    private static final Logger LOG = Logger.getLogger(XConnections.class);

    private final XConnectionsClient client;

    XConnections(@RestClient XConnectionsClient client) {
        this.client = client;
    }

    /** Completes once X confirmed; fails with X's status when it did not. */
    Uni<Void> closeAll() {
        return client.closeAll().onItem().transform(response -> {
            if (response.getStatus() / 100 != 2) {
                throw new XStreamException(XStreamException.Cause.HTTP,
                        "X answered HTTP " + response.getStatus() + " on DELETE /2/connections/all");
            }
            LOG.info("Closed the stream connections X held for this app (pulse.x.reset-connections)");
            return null;
        });
    }
}
