package dev.pulse.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * CSV (RFC 4180: commas, double quotes, {@code ""} escapes, quoted line breaks) with a header row; each row becomes
 * a JSON object. Unquoted numbers and {@code true}/{@code false} become JSON numbers and booleans, an empty unquoted
 * field becomes {@code null}, everything else a string.
 */
final class CsvParser implements FileDataset.Parser {

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final BufferedReader in;
    private final String source;
    private final RecordKey key;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private List<String> header;
    private long line = 1;
    private long recordLine;
    private final List<String> fields = new ArrayList<>();
    private final List<Boolean> quoted = new ArrayList<>();

    CsvParser(BufferedReader in, String source, RecordKey key) {
        this.in = in;
        this.source = source;
        this.key = key;
    }

    @Override
    public SampleRecord read() throws IOException {
        if (header == null) {
            if (!readRow()) {
                throw new DatasetException(source, 1, "no header row");
            }
            header = List.copyOf(fields);
            if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
                header = new ArrayList<>(header);
                header.set(0, header.get(0).substring(1));
            }
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).isBlank() || header.indexOf(header.get(i)) != i) {
                    throw new DatasetException(source, 1, "header column " + (i + 1) + " is empty or repeated");
                }
            }
        }
        if (!readRow()) {
            return null;
        }
        if (fields.size() != header.size()) {
            throw new DatasetException(source, recordLine,
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
        return line;
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

    /** Reads the next non-empty row into {@link #fields}; false at the end of the file. */
    private boolean readRow() throws IOException {
        while (true) {
            fields.clear();
            quoted.clear();
            recordLine = line;
            StringBuilder field = new StringBuilder();
            boolean inQuotes = false;
            boolean fieldQuoted = false;
            boolean any = false;
            int c;
            while (true) {
                c = in.read();
                if (c == -1) {
                    if (inQuotes) {
                        throw new DatasetException(source, recordLine, "quoted field is not closed");
                    }
                    break;
                }
                any = true;
                if (inQuotes) {
                    if (c == '"') {
                        in.mark(1);
                        int n = in.read();
                        if (n == '"') {
                            field.append('"');
                        } else {
                            inQuotes = false;
                            if (n != -1) {
                                in.reset();
                            }
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                } else if (c == ',') {
                    fields.add(field.toString());
                    quoted.add(fieldQuoted);
                    field.setLength(0);
                    fieldQuoted = false;
                } else if (c == '"' && field.isEmpty() && !fieldQuoted) {
                    inQuotes = true;
                    fieldQuoted = true;
                } else if (c == '\n') {
                    line++;
                    break;
                } else if (c == '\r') {
                    continue;
                } else if (fieldQuoted) {
                    throw new DatasetException(source, recordLine, "text after a closing quote");
                } else {
                    field.append((char) c);
                }
            }
            if (!any) {
                return false;
            }
            fields.add(field.toString());
            quoted.add(fieldQuoted);
            if (fields.size() == 1 && fields.get(0).isEmpty() && !fieldQuoted) {
                if (c == -1) {
                    return false;
                }
                continue; // blank line
            }
            return true;
        }
    }
}
