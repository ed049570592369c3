package dev.pulse.owner;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer of a control endpoint on a replica that does not own the source: the command was written to the control
 * topic, and the source's owner applies it.
 *
 * @param source the source's name
 * @param command {@code start} or {@code stop}
 * @param replica the replica that took the request
 * @param detail where the command went
 */
@RegisterForReflection // answered as a RestResponse<?>, which the build cannot see
public record Forwarded(String source, String command, String replica, String detail) {
}
