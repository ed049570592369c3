package dev.pulse.x;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The streaming read of a post line: the id and rules of ordinary posts, null for every line the tree path must judge.
 */
class PostFieldsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void readsTheIdAndRulesWhereverTheyAre() throws IOException {
        PostFields post = read("{\"includes\":{\"users\":[{\"id\":\"9\"}]},\"data\":{\"text\":\"a \\\"b\\\" {c}\","
                + "\"entities\":{\"id\":\"x\"},\"id\":\"42\"},\"matching_rules\":[{\"id\":\"1\",\"tag\":\"cats\"}]}");
        assertEquals("42", post.id());
        assertEquals("cats", post.rules().get(0).get("tag").asText());
        assertNull(read("{\"data\":{\"id\":\"7\"}}").rules());
    }

    @Test
    void anIdThatIsNotAStringIsSkippedWhole() throws IOException {
        for (String line : List.of("{\"data\":{\"id\":{\"id\":\"9\"},\"id\":\"2\"}}",
                "{\"data\":{\"id\":[\"9\"],\"id\":\"2\"},\"n\":1}")) {
            assertEquals("2", PostFields.parse(mapper, line.getBytes(StandardCharsets.UTF_8)).id(), line);
            assertEquals("2", read(line).id(), line);
        }
    }

    @Test
    void leavesEveryOtherLineToTheTreePath() throws IOException {
        assertNull(read("[1,2]"));
        assertNull(read("\"text\""));
        assertNull(read("{\"data\":{\"id\":7}}"));
        assertNull(read("{\"data\":[{\"id\":\"7\"}]}"));
        assertNull(read("{\"data\":{\"text\":\"no id\"}}"));
        assertNull(read("{\"data\":{\"id\":\"7\"},\"errors\":[{\"title\":\"operational-disconnect\"}]}"));
        assertNull(read("{\"title\":\"ConnectionException\",\"data\":{\"id\":\"7\"}}"));
        assertNull(read("{\"data\":{\"id\":\"7\"},\"data\":null}"));
    }

    @Test
    void failsOnWhatIsNotJson() {
        assertThrows(IOException.class, () -> read("{\"data\":{\"id\":\"7\"}"));
        assertThrows(IOException.class, () -> read("{\"data\":{\"id\":\"7\",}}"));
        assertThrows(IOException.class, () -> read("not json"));
    }

    private PostFields read(String line) throws IOException {
        return PostFields.read(mapper, line.getBytes(StandardCharsets.UTF_8));
    }
}
