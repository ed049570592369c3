package dev.pulse.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;

/**
 * CSV (RFC 4180, read by jackson-dataformat-csv) with a header row; each row becomes a JSON object. Unquoted numbers
 * and {@code true}/{@code false} become JSON numbers and booleans, an empty unquoted field becomes {@code null},
 * everything else, quoted fields included, a string. Blank lines are skipped; a byte order mark at the start is not
 * part of the first column's name.
 */
final class CsvParser implements FileDataset.Parser {

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    /** No schema: Jackson gives each row as an array of strings, and the header and field counts are checked here. */
    private static final CsvFactory CSV = new QuotingFactory();

    private final BufferedReader in;
    private final String source;
    private final RecordKey key;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private QuotingParser rows;
    private List<String> header;
    private long rowLine = 1;
    private final List<String> fields = new ArrayList<>();
    private final BitSet quoted = new BitSet();

    CsvParser(BufferedReader in, String source, RecordKey key) {
        this.in = in;
        this.source = source;
        this.key = key;
    }

    @Override
    public SampleRecord read() throws IOException {
        if (rows == null) {
            in.mark(1);
            if (in.read() != '\uFEFF') {
                in.reset();
            }
            rows = (QuotingParser) CSV.createParser(in);
            if (!nextRow()) {
                throw new DatasetException(source, 1, "no header row");
            }
            header = List.copyOf(fields);
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).isBlank() || header.indexOf(header.get(i)) != i) {
                    throw new DatasetException(source, rowLine, "header column " + (i + 1) + " is empty or repeated");
                }
            }
        }
        if (!nextRow()) {
            return null;
        }
        if (fields.size() != header.size()) {
            throw new DatasetException(source, rowLine,
                    "has " + fields.size() + " fields, the header has " + header.size());
        }
        ObjectNode row = nodes.objectNode();
        for (int i = 0; i < fields.size(); i++) {
            row.set(header.get(i), value(fields.get(i), quoted.get(i)));
        }
        return new SampleRecord(key.of(row), row.toString());
    }

    @Override
    public long line() {
        return rows == null ? 1 : rows.currentLocation().getLineNr();
    }

    private JsonNode value(String text, boolean wasQuoted) {
        if (wasQuoted) {
            return nodes.textNode(text);
        }
        if (text.isEmpty()) {
            return nodes.nullNode();
        }
        if (INTEGER.matcher(text).matches()) {
            return nodes.numberNode(Long.parseLong(text));
        }
        if (DECIMAL.matcher(text).matches()) {
            return nodes.numberNode(new BigDecimal(text));
        }
        if (text.equals("true") || text.equals("false")) {
            return nodes.booleanNode(Boolean.parseBoolean(text));
        }
        return nodes.textNode(text);
    }

    /** Reads the next row that is not blank into {@link #fields}; false at the end of the file. */
    private boolean nextRow() throws IOException {
        try {
            do {
                fields.clear();
                quoted.clear();
                if (rows.nextToken() != JsonToken.START_ARRAY) {
                    return false;
                }
                rowLine = rows.currentLocation().getLineNr();
                while (rows.nextToken() == JsonToken.VALUE_STRING) {
                    quoted.set(fields.size(), rows.quoted());
                    fields.add(rows.getText());
                }
            } while (fields.size() == 1 && fields.get(0).isEmpty() && !quoted.get(0));
            return true;
        } catch (JsonProcessingException e) {
            // Jackson places an unclosed quote at the end of the file; the row it opened in is what to fix.
            throw new DatasetException(source, rowLine, e.getOriginalMessage());
        }
    }

    /**
     * Jackson's CSV parser tracks whether the current value was quoted (for
     * {@code CsvParser.Feature.EMPTY_UNQUOTED_STRING_AS_NULL}) but shows it only to subclasses; a quoted {@code "42"}
     * must stay a string.
     */
    private static final class QuotingParser extends com.fasterxml.jackson.dataformat.csv.CsvParser {

        QuotingParser(IOContext context, int features, int csvFeatures, ObjectCodec codec, Reader reader) {
            super(context, features, csvFeatures, codec, reader);
        }

        boolean quoted() {
            return _reader.isCurrentTokenQuoted();
        }
    }

    private static final class QuotingFactory extends CsvFactory {

        @Override
        protected QuotingParser _createParser(Reader reader, IOContext context) {
            return new QuotingParser(context, _parserFeatures, _csvParserFeatures, _objectCodec, reader);
        }
    }
}
