package dev.anneal.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * anneal's version as built (Maven fills it in), for {@code --version}, provenance and bundles: one place
 * that the training side and the light server both read.
 */
public final class AnnealVersion {

    private static final String VERSION = load();

    private AnnealVersion() {
    }

    /** The version, or {@code unknown} when the build left it out. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        Properties properties = new Properties();
        try (InputStream in = AnnealVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("anneal.version", "unknown");
    }
}
