package dev.pulse.x;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code User-Agent} of every call to X, {@code Pulse/<version> (Quarkus; Kafka ingest)}: X asks API clients to
 * name themselves, and it tells X's support which program made a call.
 */
@ApplicationScoped
class XUserAgent {

    private final String value;

    XUserAgent(@ConfigProperty(name = "quarkus.application.version") String version) {
        this.value = "Pulse/" + version + " (Quarkus; Kafka ingest)";
    }

    String value() {
        return value;
    }
}
