package dev.pulse.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The console consumer ({@code pulse.console.*}), reading {@code sample} and {@code tweets}.
 */
@ConfigMapping(prefix = "pulse.console")
public interface ConsoleConfig {

    /** Consumer group; a new group starts at the earliest offset, like the lab's consumer. */
    @WithDefault("pulse-console")
    String groupId();

    /** Values longer than this many characters are shortened on the console. */
    @WithDefault("200")
    int maxChars();
}
