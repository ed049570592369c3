package dev.pulse.json;

import java.io.IOException;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks that bytes hold exactly one well-formed UTF-8 JSON value, without building a tree.
 */
@ApplicationScoped
public class JsonSyntax {

    private final JsonFactory factory;

    public JsonSyntax(ObjectMapper mapper) {
        this.factory = mapper.getFactory();
    }

    /**
     * Throws {@link JsonSyntaxException} with line and column (1-based) when {@code buf[off, off+len)} is not one JSON value.
     */
    public void check(byte[] buf, int off, int len) {
        try (JsonParser parser = factory.createParser(buf, off, len)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new JsonSyntaxException("no JSON value", JsonLocation.NA);
            }
            int depth = 0;
            do {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                } else if (token == JsonToken.VALUE_STRING) {
                    parser.getTextLength(); // decodes the string: invalid UTF-8 is reported here
                }
            } while (depth > 0 && (token = parser.nextToken()) != null);
            if (parser.nextToken() != null) {
                throw new JsonSyntaxException("unexpected content after the JSON value", parser.currentTokenLocation());
            }
        } catch (JsonProcessingException e) {
            throw new JsonSyntaxException(e.getOriginalMessage(), Objects.requireNonNullElse(e.getLocation(), JsonLocation.NA));
        } catch (IOException e) {
            throw new JsonSyntaxException(e.getMessage(), JsonLocation.NA);
        }
    }
}
