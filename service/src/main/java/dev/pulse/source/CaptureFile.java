package dev.pulse.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The bytes of a live source's capture (a file, else a synthetic sample bundled on the class path), read in chunks on
 * demand off the event loop, so that a replay takes the same framing path as a live stream.
 */
public final class CaptureFile {

    private static final int CHUNK = 16 * 1024;

    private final Optional<String> file;
    private final String bundled;
    private final String key;

    /** {@code key} is the setting that names {@code file}, for errors. */
    public CaptureFile(Optional<String> file, String bundled, String key) {
        this.file = file;
        this.bundled = bundled;
        this.key = key;
    }

    public String name() {
        return file.orElse("classpath:" + bundled);
    }

    public Multi<byte[]> chunks() {
        return Multi.createFrom().<byte[]> deferred(() -> {
            InputStream in = open();
            return Multi.createFrom().<byte[]> iterable(() -> new Chunks(in)).onTermination().invoke(() -> close(in));
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private InputStream open() {
        try {
            if (file.isPresent()) {
                return Files.newInputStream(Path.of(file.get()));
            }
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(bundled);
            if (in == null) {
                in = CaptureFile.class.getClassLoader().getResourceAsStream(bundled);
            }
            if (in == null) {
                throw new IOException("bundled " + bundled + " is missing");
            }
            return in;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the replay file " + name() + " (" + key + "): " + e.getMessage(),
                    e);
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
