package dev.pulse.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.json.JsonSyntax;

class RecordFormatterTest {

    private final RecordFormatter formatter = new RecordFormatter(new JsonSyntax(new ObjectMapper()), config(40));

    @Test
    void jsonIsShownAsWrittenOnOneLine() {
        assertEquals("sample-0@7 key=null {\"number\":7}", format(null, "{\"number\":7}"));
        assertEquals("sample-0@7 key=42 {\"a\":\\n 1}", format("42", "{\"a\":\n 1}"));
    }

    @Test
    void longValuesAreShortened() {
        String value = "{\"text\":\"" + "é".repeat(60) + "\"}";
        String line = format(null, value);
        assertEquals("sample-0@7 key=null {\"text\":\"" + "é".repeat(31) + "… ("
                + value.getBytes(StandardCharsets.UTF_8).length + " bytes)", line);
    }

    @Test
    void textAndBytesAreEscaped() {
        assertEquals("sample-0@7 key=null (not JSON) \"tab\\there \\\\ \\u0001\"", format(null, "tab\there \\ \u0001"));
        assertEquals("sample-0@7 key=null (not UTF-8) \\xc3(",
                formatter.format("sample", 0, 7, null, new byte[] { (byte) 0xc3, 0x28 }));
        assertEquals("sample-0@7 key=null null", formatter.format("sample", 0, 7, null, null));
    }

    private String format(String key, String value) {
        return formatter.format("sample", 0, 7, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    private static ConsoleConfig config(int maxChars) {
        return new ConsoleConfig() {
            @Override
            public String groupId() {
                return "test";
            }

            @Override
            public int maxChars() {
                return maxChars;
            }
        };
    }
}
