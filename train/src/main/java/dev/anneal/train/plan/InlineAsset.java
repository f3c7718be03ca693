package dev.anneal.train.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A stylesheet or script that the plan page carries inline, read from this package's resources, with the
 * hash by which the page's Content-Security-Policy allows exactly it and nothing else.
 *
 * @param content the text that goes between the {@code <style>} or {@code <script>} tags, byte for byte
 * @param cspSource the CSP source expression of that text, {@code 'sha256-<base64>'}
 */
record InlineAsset(String content, String cspSource) {

    /** The resource {@code name} next to this class; its absence is a broken build, not a user error. */
    static InlineAsset load(String name) {
        try (InputStream in = InlineAsset.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("anneal's jar lacks the plan page's " + name);
            }
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new InlineAsset(content, "'sha256-" + sha256(content) + "'");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plan page's " + name, e);
        }
    }

    private static String sha256(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
