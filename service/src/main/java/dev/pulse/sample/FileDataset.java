package dev.pulse.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

/**
 * A data set in a UTF-8 file. A first pass checks every record and counts them, so a bad line is reported before
 * anything is sent; the second pass gives the records.
 */
final class FileDataset implements Dataset {

    /** Reads one record at a time from a file; {@code null} at its end. */
    interface Parser {
        SampleRecord read() throws IOException;

        /** Line of the file the parser is at, for error messages. */
        long line();
    }

    interface ParserFactory {
        Parser open(BufferedReader in);
    }

    private final Path file;
    private final ParserFactory factory;
    private final long size;
    private BufferedReader in;
    private Parser parser;
    private SampleRecord pending;
    private long given;

    FileDataset(Path file, OptionalLong limit, ParserFactory factory) {
        this.file = file;
        this.factory = factory;
        long total = 0;
        try (BufferedReader reader = open()) {
            Parser check = factory.open(reader);
            while ((limit.isEmpty() || total < limit.getAsLong()) && read(check) != null) {
                total++;
            }
        } catch (IOException e) {
            throw new DatasetException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
        this.size = total;
        this.in = open();
        this.parser = factory.open(in);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean hasNext() {
        if (given >= size) {
            return false;
        }
        if (pending == null) {
            pending = read(parser);
        }
        return pending != null;
    }

    @Override
    public SampleRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SampleRecord record = pending;
        pending = null;
        given++;
        return record;
    }

    @Override
    public void close() {
        try {
            if (in != null) {
                in.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            in = null;
        }
    }

    private SampleRecord read(Parser p) {
        try {
            return p.read();
        } catch (CharacterCodingException e) {
            throw new DatasetException(file.toString(), 0, "not valid UTF-8 (at or after line " + p.line() + ")");
        } catch (IOException e) {
            throw new DatasetException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    private BufferedReader open() {
        try {
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            return new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
        } catch (IOException e) {
            throw new DatasetException(file.toString(), "cannot open: " + e.getMessage(), e);
        }
    }
}
