package dev.pulse.x;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * Appends the raw lines received live to {@code pulse.x.record.file} (CRLF-terminated, as X sent them), so a capture
 * can be replayed with {@code pulse.x.replay.file}.
 */
@ApplicationScoped
class LineRecorder {

    private static final Logger LOG = Logger.getLogger(LineRecorder.class);
    private static final byte[] CRLF = { '\r', '\n' };

    private final Path file;
    private OutputStream out;
    private boolean enabled;

    LineRecorder(XConfig config) {
        this.file = config.record().file().map(Path::of).orElse(null);
    }

    /** Records live lines from now on (not replayed ones). */
    synchronized void enable(boolean on) {
        enabled = on && file != null;
    }

    synchronized void append(byte[] line) {
        if (!enabled) {
            return;
        }
        try {
            if (out == null) {
                out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND), 1 << 16);
                LOG.infof("Recording the X stream to %s", file);
            }
            out.write(line);
            out.write(CRLF);
            out.flush();
        } catch (IOException e) {
            LOG.errorf("Cannot record to %s (pulse.x.record.file): %s; recording stopped", file, e.getMessage());
            enabled = false;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.warnf("Closing %s: %s", file, e.getMessage());
            }
            out = null;
        }
    }
}
