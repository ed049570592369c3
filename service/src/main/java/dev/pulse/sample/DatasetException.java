package dev.pulse.sample;

/**
 * A data set that cannot be read, naming the file and, where it applies, the line.
 */
class DatasetException extends RuntimeException {

    DatasetException(String source, long line, String reason) {
        super("dataset " + source + (line > 0 ? " line " + line : "") + ": " + reason);
    }

    DatasetException(String source, String reason, Throwable cause) {
        super("dataset " + source + ": " + reason, cause);
    }
}
