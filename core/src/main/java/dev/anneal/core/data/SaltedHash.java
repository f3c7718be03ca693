package dev.anneal.core.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Pseudonymises personal data ({@code privacy: hash}): a value becomes the lowercase hexadecimal SHA-256 of a
 * secret salt followed by the value's UTF-8 bytes. Equal values keep equal hashes, so a hashed column still
 * tells which rows belong to one person, while the values themselves are gone; the salt keeps the hashes of
 * guessable values (e-mail addresses, phone numbers) from being looked up in a precomputed table.
 */
public final class SaltedHash {

    private final byte[] salt;

    /** @param salt the secret prepended to every value, as UTF-8 */
    public SaltedHash(String salt) {
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
    }

    /** The hash of {@code value}: 64 lowercase hexadecimal digits. */
    public String hash(String value) {
        MessageDigest sha256 = sha256();
        sha256.update(salt);
        return HexFormat.of().formatHex(sha256.digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * {@code column} with every value replaced by its hash, as labels; missing stays missing. Each distinct
     * value is hashed once, and the values as {@link Column#format} shows them are what is hashed.
     */
    public CategoryColumn hash(Column column) {
        CategoryColumn labels = TypeInference.toCategory(column);
        List<String> hashed = labels.levels().stream().map(this::hash).toList();
        return new CategoryColumn(labels.name(), labels.codes(), hashed);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
