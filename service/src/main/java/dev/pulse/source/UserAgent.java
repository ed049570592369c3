package dev.pulse.source;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code User-Agent} of every call to a live source's service, {@code Pulse/<version> (Quarkus; Kafka ingest)}:
 * X asks API clients to name themselves, and it tells a service's operators which program made a call.
 */
@ApplicationScoped
public class UserAgent {

    private final String value;

    UserAgent(@ConfigProperty(name = "quarkus.application.version") String version) {
        this.value = "Pulse/" + version + " (Quarkus; Kafka ingest)";
    }

    public String value() {
        return value;
    }
}
