package dev.anneal.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the data is, how to read it, and what to do to its rows before anything learns from them.
 *
 * @param path absolute path of the data file
 * @param naValues extra tokens that mean "missing" besides the empty field
 * @param deduplicate remove exact duplicate rows (every column equal), keeping the first of each
 * @param hashSalt the secret prepended to every value of a {@code privacy: hash} column before SHA-256, or
 *     {@code null} when no column is hashed
 */
public record DataConfig(Path path, List<String> naValues, boolean deduplicate, String hashSalt) {

    public DataConfig {
        naValues = List.copyOf(naValues);
    }
}
