package dev.anneal.core.config;

import java.util.Locale;

/**
 * What happens to a column of personal data (e-mail addresses, phone numbers, names...) as soon as it is
 * read, so that its values never reach a profile, a report or a model.
 */
public enum Privacy {
    /** Left out of the table entirely, like {@code type: ignore}. */
    DROP,
    /**
     * Every value replaced by its salted SHA-256 ({@code data.hash_salt}); the column becomes an {@code id}:
     * never a feature, but still an entity to split by group.
     */
    HASH;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
