package dev.pulse.x;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What Pulse needs of an ordinary post line ({@code data.id}, {@code matching_rules}), read in one pass that skips
 * everything else instead of building a tree of the whole ~1 KB post: the {@link PostScanner} first, Jackson's
 * streaming parser for the lines it leaves.
 */
record PostFields(String id, JsonNode rules) {

    /**
     * The fields of an ordinary post: a JSON object with a textual {@code data.id} and neither {@code errors} nor
     * {@code title}. Null for any other line, which the caller reads as a tree; fails when the line is not JSON.
     */
    static PostFields read(ObjectMapper mapper, byte[] line) throws IOException {
        PostScanner.Found found = PostScanner.scan(line);
        if (found == null) {
            return parse(mapper, line);
        }
        return new PostFields(found.id(), found.rulesFrom() < 0 ? null
                : mapper.readTree(line, found.rulesFrom(), found.rulesTo() - found.rulesFrom()));
    }

    /** {@link #read} with Jackson's streaming parser alone. */
    static PostFields parse(ObjectMapper mapper, byte[] line) throws IOException {
        try (JsonParser parser = mapper.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String id = null;
            JsonNode rules = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "errors", "title" -> {
                        return null;
                    }
                    case "data" -> id = value == JsonToken.START_OBJECT ? id(parser) : skip(parser);
                    case "matching_rules" -> rules = mapper.readTree(parser);
                    default -> parser.skipChildren();
                }
            }
            return id == null ? null : new PostFields(id, rules);
        }
    }

    /** The textual {@code id} of the {@code data} object the parser is at, or null. */
    private static String id(JsonParser parser) throws IOException {
        String id = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("id")) {
                id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
            }
            parser.skipChildren(); // an object or array, an id too: the next name must be data's, not one inside it
        }
        return id;
    }

    private static String skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }
}
