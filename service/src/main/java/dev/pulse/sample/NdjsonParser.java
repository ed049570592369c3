package dev.pulse.sample;

import java.io.BufferedReader;
import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * NDJSON: one JSON value per line, blank lines skipped; the record is the line exactly as written.
 */
final class NdjsonParser implements FileDataset.Parser {

    private final BufferedReader in;
    private final ObjectReader json;
    private final String source;
    private final RecordKey key;
    private long line;

    NdjsonParser(BufferedReader in, ObjectReader json, String source, RecordKey key) {
        this.in = in;
        this.json = json;
        this.source = source;
        this.key = key;
    }

    @Override
    public SampleRecord read() throws IOException {
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            text = text.strip();
            if (text.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(text);
            } catch (JsonProcessingException e) {
                int column = e.getLocation() == null ? 1 : e.getLocation().getColumnNr();
                throw new DatasetException(source, line, "column " + column + ": " + e.getOriginalMessage());
            }
            return new SampleRecord(key.of(node), text);
        }
        return null;
    }

    @Override
    public long line() {
        return line + 1;
    }
}
