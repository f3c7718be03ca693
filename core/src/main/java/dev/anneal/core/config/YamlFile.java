package dev.anneal.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.anneal.core.AnnealException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the YAML files users write (experiment configs, a model's serving settings) the same strict way. */
final class YamlFile {

    /**
     * YAML 1.2 booleans: only {@code true} and {@code false}. YAML 1.1 also reads unquoted {@code yes}, {@code no},
     * {@code on} and {@code off} as booleans, which would turn {@code positive: yes} into the label "true".
     * A key given twice in one mapping is an error rather than the last one silently winning.
     */
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private YamlFile() {
    }

    /**
     * The tree of {@code file}, or null when the file holds no document.
     *
     * @param what what the file is, for messages ("config file not found")
     * @throws AnnealException naming the file (and the line and column of a syntax error)
     */
    static JsonNode read(Path file, String what) {
        try {
            JsonNode root = YAML.readTree(Files.readString(file));
            return root == null || root.isMissingNode() || root.isNull() ? null : root;
        } catch (NoSuchFileException e) {
            throw new AnnealException(file + ": " + what + " file not found");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new AnnealException(file + ": not valid YAML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new AnnealException(file + ": cannot read the " + what + ": " + e.getMessage(), e);
        }
    }

    /** {@code value} as plain Java values: maps, lists, strings, numbers and booleans. */
    static Object plain(JsonNode value) {
        return YAML.convertValue(value, Object.class);
    }
}
