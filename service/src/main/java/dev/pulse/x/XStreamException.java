package dev.pulse.x;

import java.time.Instant;

/**
 * Why a stream connection ended, which decides the back-off: X's reconnect guidance per cause. Messages never
 * contain the bearer token.
 */
class XStreamException extends RuntimeException {

    enum Cause {
        /** TCP/IP errors, stalls, closed streams, operational disconnects: reconnect at once, then linear. */
        NETWORK(true),
        /** HTTP errors: exponential back-off. */
        HTTP(true),
        /** HTTP 429: exponential from a minute, never before x-rate-limit-reset. */
        RATE_LIMIT(true),
        /**
         * HTTP 429 {@code TooManyConnections}: X still holds a connection of this app (one left open by a process that
         * ended without closing it); backs off like {@link #RATE_LIMIT}, or Pulse closes it first
         * ({@code pulse.x.reset-connections}).
         */
        TOO_MANY_CONNECTIONS(true),
        /** HTTP 429 {@code UsageCapExceeded}: the project's monthly post cap is used up; no retry until it resets. */
        USAGE_CAPPED(false),
        /** HTTP 401: the token is wrong; retrying cannot help. */
        AUTH(false),
        /** HTTP 403: the account's access level lacks the endpoint. */
        FORBIDDEN(false);

        final boolean retryable;

        Cause(boolean retryable) {
            this.retryable = retryable;
        }

        String label() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    private final Cause cause;
    private final Instant notBefore;

    XStreamException(Cause cause, String message) {
        this(cause, message, null);
    }

    XStreamException(Cause cause, String message, Instant notBefore) {
        super(message, null, false, false);
        this.cause = cause;
        this.notBefore = notBefore;
    }

    Cause kind() {
        return cause;
    }

    /** For 429: X's x-rate-limit-reset, or null. */
    Instant notBefore() {
        return notBefore;
    }
}
