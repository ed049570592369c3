package dev.pulse.bluesky;

/**
 * Why a Jetstream connection ended; every such end is retried with back-off.
 */
final class BlueskyException extends RuntimeException {

    BlueskyException(String message) {
        super(message, null, false, false);
    }
}
