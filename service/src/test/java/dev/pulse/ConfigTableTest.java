package dev.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.pulse.kafka.TopicsConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface.Property;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigMappings.ConfigClass;

/**
 * The README's configuration table against the {@code @ConfigMapping}s, where each default is written once: every
 * {@code pulse.*} setting has a row, every row names a setting, and a row's default is the mapping's.
 */
class ConfigTableTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** Every {@code pulse.*} property of the mappings found in the compiled classes, with its default or null. */
    private static final Map<String, String> settings = new TreeMap<>();
    /** The README's rows: key → its default cell. */
    private static final Map<String, String> rows = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(TopicsConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()), false,
                        ConfigTableTest.class.getClassLoader());
                ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
                if (mapping != null) {
                    ConfigMappings.getProperties(ConfigClass.configClass(type, mapping.prefix()))
                            .forEach((key, property) -> {
                                if (!property.isGroup()) {
                                    // a list of values is one setting, written as a comma-separated list
                                    settings.put(key.endsWith("[*]") ? key.substring(0, key.length() - 3) : key,
                                            defaultOf(property));
                                }
                            });
                }
            }
        }
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        int from = readme.indexOf("## Configuration");
        assertTrue(from >= 0, "README has no '## Configuration' section");
        for (String line : readme.subList(from + 1, readme.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            String[] cells = line.split("\\s*\\|\\s*");
            if (cells.length < 4 || !cells[0].isEmpty() || !cells[1].startsWith("`pulse.")) {
                continue;
            }
            List<String> keys = keys(cells[1]);
            String[] defaults = cells[2].split(" / ");
            for (int i = 0; i < keys.size(); i++) {
                rows.put(keys.get(i), defaults.length == keys.size() ? defaults[i] : cells[2]);
            }
        }
    }

    @Test
    void everySettingHasARow() {
        assertTrue(settings.size() > 40, "mappings found: " + settings.keySet());
        List<String> missing = settings.keySet().stream().filter(key -> !rows.containsKey(key)).toList();
        assertEquals(List.of(), missing, "settings without a row in the README's configuration table");
    }

    @Test
    void everyRowNamesASetting() {
        List<String> stale = rows.keySet().stream().filter(key -> !settings.containsKey(key)).toList();
        assertEquals(List.of(), stale, "README rows naming no pulse.* setting");
    }

    @Test
    void everyDefaultIsTheMappings() {
        List<String> wrong = new ArrayList<>();
        settings.forEach((key, value) -> {
            String cell = rows.get(key);
            if (cell == null) {
                return;
            }
            if (value != null) {
                // a list's default is its elements, each shown as code
                boolean shown = Arrays.stream(value.split(",")).allMatch(v -> cell.contains("`" + v + "`"));
                if (!shown) {
                    wrong.add(key + ": the mapping says " + value + ", the README " + cell);
                }
            } else if (cell.matches("`[^`]+`")) {
                wrong.add(key + ": no default in the mapping, the README says " + cell);
            }
        });
        assertEquals(List.of(), wrong);
    }

    private static String defaultOf(Property property) {
        return property.hasDefaultValue() ? property.getDefaultValue() : null;
    }

    /**
     * The keys a row's first cell names: the first in full, the others in full, as a last segment
     * ({@code network-max}) or as a suffix ({@code .expansions}) of the first's parent; {@code [N]} stands for any
     * index.
     */
    private static List<String> keys(String cell) {
        List<String> keys = new ArrayList<>();
        Matcher code = CODE.matcher(cell.replace("[N]", "[*]"));
        while (code.find()) {
            String name = code.group(1);
            if (keys.isEmpty() || name.startsWith("pulse.")) {
                keys.add(name);
            } else {
                String first = keys.get(0);
                String parent = first.substring(0, first.lastIndexOf('.'));
                keys.add(parent + (name.startsWith(".") ? name : "." + name));
            }
        }
        return keys;
    }
}
