/**
 * Runtime side of the Pulse dev broker extension. It holds no code: the broker lives in the deployment module,
 * on the build-time class path only, so no broker jar ever reaches the packaged application.
 */
package dev.pulse.devbroker;
