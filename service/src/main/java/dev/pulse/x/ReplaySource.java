package dev.pulse.x;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The bytes of a capture of raw stream lines ({@code pulse.x.replay.file}, else the bundled synthetic sample), read
 * in chunks on demand so they take the same framing path as a live stream.
 */
@ApplicationScoped
class ReplaySource {

    static final String BUNDLED = "x/replay-sample.ndjson";
    private static final int CHUNK = 16 * 1024;

    private final XConfig config;

    ReplaySource(XConfig config) {
        this.config = config;
    }

    String name() {
        return config.replay().file().orElse("classpath:" + BUNDLED);
    }

    Multi<byte[]> chunks() {
        return Multi.createFrom().<byte[]> deferred(() -> {
            InputStream in = open();
            return Multi.createFrom().<byte[]> iterable(() -> new Chunks(in)).onTermination().invoke(() -> close(in));
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private InputStream open() {
        try {
            if (config.replay().file().isPresent()) {
                return Files.newInputStream(Path.of(config.replay().file().get()));
            }
            InputStream bundled = Thread.currentThread().getContextClassLoader().getResourceAsStream(BUNDLED);
            if (bundled == null) {
                bundled = ReplaySource.class.getClassLoader().getResourceAsStream(BUNDLED);
            }
            if (bundled == null) {
                throw new IOException("bundled " + BUNDLED + " is missing");
            }
            return bundled;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read the replay file " + name() + " (pulse.x.replay.file): " + e.getMessage(), e);
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing left to read
        }
    }

    private static final class Chunks implements Iterator<byte[]> {
        private final InputStream in;
        private byte[] next;

        Chunks(InputStream in) {
            this.in = in;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                try {
                    byte[] buffer = new byte[CHUNK];
                    int n = in.read(buffer);
                    next = n < 0 ? null : Arrays.copyOf(buffer, n);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return next != null;
        }

        @Override
        public byte[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            byte[] chunk = next;
            next = null;
            return chunk;
        }
    }
}
