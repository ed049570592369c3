package dev.pulse.http;

/**
 * Ends a request with a {@link Problem}; {@code retryAfterSeconds} &gt; 0 adds a {@code Retry-After} header.
 */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final long retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, 0);
    }

    public ProblemException(Problem problem, long retryAfterSeconds) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
