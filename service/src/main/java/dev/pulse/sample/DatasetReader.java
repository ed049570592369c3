package dev.pulse.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Opens the data set named by {@code pulse.sample.dataset}: the built-in {@code numbers}, or an NDJSON or CSV file.
 */
@ApplicationScoped
class DatasetReader {

    static final long DEFAULT_COUNT = 1000;

    private final ObjectReader json;

    DatasetReader(ObjectMapper mapper) {
        this.json = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    Dataset open(String dataset, OptionalLong count, Optional<String> keyField) {
        RecordKey key = keyField.map(RecordKey::new).orElse(RecordKey.NONE);
        String name = dataset.strip();
        if (name.equals(NumbersDataset.NAME)) {
            return new NumbersDataset(count.orElse(DEFAULT_COUNT), "number".equals(key.field()));
        }
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(name, 0, "no such file (pulse.sample.dataset is '" + NumbersDataset.NAME
                    + "' or the path of an .ndjson/.jsonl or .csv file)");
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return new FileDataset(file, count, in -> new CsvParser(in, name, key));
        }
        return new FileDataset(file, count, in -> new NdjsonParser(in, json, name, key));
    }
}
