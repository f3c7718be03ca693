package dev.anneal.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the data is and how to read it.
 *
 * @param path absolute path of the data file
 * @param naValues extra tokens that mean "missing" besides the empty field
 */
public record DataConfig(Path path, List<String> naValues) {

    public DataConfig {
        naValues = List.copyOf(naValues);
    }
}
