package dev.pulse.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The data sets: numbers, NDJSON and CSV files, the key field, and errors that name the file and line.
 */
class DatasetReaderTest {

    private final DatasetReader reader = new DatasetReader(new ObjectMapper());

    @TempDir
    Path dir;

    @Test
    void numbersAreTheLabsRecords() {
        List<SampleRecord> records = all(reader.open("numbers", OptionalLong.of(3), Optional.empty()));
        assertEquals(List.of(new SampleRecord(null, "{\"number\":0}"), new SampleRecord(null, "{\"number\":1}"),
                new SampleRecord(null, "{\"number\":2}")), records);
        assertEquals(1000, reader.open("numbers", OptionalLong.empty(), Optional.empty()).size());
        assertEquals("2", all(reader.open("numbers", OptionalLong.of(3), Optional.of("number"))).get(2).key());
    }

    @Test
    void ndjsonLinesAreSentAsWrittenWithTheirKey() throws IOException {
        Path file = write("posts.ndjson", "\uFEFF{\"id\": \"a\", \"v\": 1}\r\n\n  {\"id\": 7}\n{\"v\": 3}\n");
        Dataset data = reader.open(file.toString(), OptionalLong.empty(), Optional.of("id"));
        assertEquals(3, data.size());
        List<SampleRecord> records = all(data);
        assertEquals(new SampleRecord("a", "{\"id\": \"a\", \"v\": 1}"), records.get(0));
        assertEquals(new SampleRecord("7", "{\"id\": 7}"), records.get(1));
        assertEquals(new SampleRecord(null, "{\"v\": 3}"), records.get(2));
        assertEquals(2, all(reader.open(file.toString(), OptionalLong.of(2), Optional.empty())).size());
    }

    @Test
    void csvRowsBecomeTypedJsonObjects() throws IOException {
        Path file = write("rows.csv", "id,name,score,ok,note\r\n"
                + "1,\"Smith, Jo\",2.50,true,\n"
                + "2,\"says \"\"hi\"\"\nover two lines\",-3,false,\"007\"\n\n");
        List<SampleRecord> records = all(reader.open(file.toString(), OptionalLong.empty(), Optional.of("id")));
        assertEquals(2, records.size());
        assertEquals(new SampleRecord("1", "{\"id\":1,\"name\":\"Smith, Jo\",\"score\":2.50,\"ok\":true,\"note\":null}"),
                records.get(0));
        assertEquals(new SampleRecord("2",
                "{\"id\":2,\"name\":\"says \\\"hi\\\"\\nover two lines\",\"score\":-3,\"ok\":false,\"note\":\"007\"}"),
                records.get(1));
    }

    @Test
    void quotedCsvFieldsStayStrings() throws IOException {
        Path file = write("quoted.csv", "\uFEFF\"id\",n,flag,text\n\"42\",42,\"true\",\"\"\n\n7,0.5,true,\"\"\"\"");
        List<SampleRecord> records = all(reader.open(file.toString(), OptionalLong.empty(), Optional.of("id")));
        assertEquals(List.of(new SampleRecord("42", "{\"id\":\"42\",\"n\":42,\"flag\":\"true\",\"text\":\"\"}"),
                new SampleRecord("7", "{\"id\":7,\"n\":0.5,\"flag\":true,\"text\":\"\\\"\"}")), records);
    }

    @Test
    void csvHeaderAndQuotingErrorsNameFileAndLine() throws IOException {
        assertEquals("line 1: no header row", csvError("empty.csv", ""));
        assertEquals("line 1: no header row", csvError("blank.csv", "\n\r\n"));
        assertEquals("line 1: header column 3 is empty or repeated", csvError("repeated.csv", "a,b,a\n1,2,3\n"));
        assertEquals("line 2: header column 2 is empty or repeated", csvError("empty-column.csv", "\na,,c\n1,2,3\n"));
        assertEquals("line 2: has 3 fields, the header has 2", csvError("wide.csv", "a,b\n\"two\nlines\",1,2\n"));
        assertTrue(csvError("after-quote.csv", "a,b\n1,2\n\"x\"y,2\n").startsWith("line 3: Unexpected character ('y'"));

        Path binary = dir.resolve("binary.csv");
        Files.write(binary, new byte[] { 'a', '\n', '"', (byte) 0xff, '"', '\n' });
        DatasetException e = assertThrows(DatasetException.class,
                () -> reader.open(binary.toString(), OptionalLong.empty(), Optional.empty()));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void badLinesAreReportedWithFileAndLineBeforeAnythingIsSent() throws IOException {
        Path ndjson = write("bad.ndjson", "{\"ok\":1}\n{\"ok\":2}\n{\"ok\": }\n");
        DatasetException e = assertThrows(DatasetException.class,
                () -> reader.open(ndjson.toString(), OptionalLong.empty(), Optional.empty()));
        assertTrue(e.getMessage().startsWith("dataset " + ndjson + " line 3: column"), e.getMessage());

        Path csv = write("bad.csv", "a,b\n1,2\n3\n");
        e = assertThrows(DatasetException.class, () -> reader.open(csv.toString(), OptionalLong.empty(), Optional.empty()));
        assertEquals("dataset " + csv + " line 3: has 1 fields, the header has 2", e.getMessage());

        Path open = write("open.csv", "a\n\"never closed\n");
        e = assertThrows(DatasetException.class, () -> reader.open(open.toString(), OptionalLong.empty(), Optional.empty()));
        assertEquals("dataset " + open + " line 2: Missing closing quote for value", e.getMessage());

        Path binary = dir.resolve("binary.ndjson");
        Files.write(binary, new byte[] { '{', '"', (byte) 0xff, '"', ':', '1', '}', '\n' });
        e = assertThrows(DatasetException.class, () -> reader.open(binary.toString(), OptionalLong.empty(), Optional.empty()));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());

        String missing = dir.resolve("missing.csv").toString();
        e = assertThrows(DatasetException.class, () -> reader.open(missing, OptionalLong.empty(), Optional.empty()));
        assertTrue(e.getMessage().startsWith("dataset " + missing + ": no such file"), e.getMessage());
    }

    /** The message of the error reading a CSV file, after "dataset FILE ". */
    private String csvError(String name, String content) throws IOException {
        Path file = write(name, content);
        DatasetException e = assertThrows(DatasetException.class,
                () -> reader.open(file.toString(), OptionalLong.empty(), Optional.empty()));
        String prefix = "dataset " + file + " ";
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        return e.getMessage().substring(prefix.length());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static List<SampleRecord> all(Dataset data) {
        List<SampleRecord> records = new ArrayList<>();
        try (data) {
            data.forEachRemaining(records::add);
        }
        assertFalse(data.hasNext());
        return records;
    }
}
