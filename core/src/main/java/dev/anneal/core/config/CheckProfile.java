package dev.anneal.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.core.AnnealException;
import dev.anneal.core.checks.DataCheck;
import dev.anneal.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The data checks of a profile: a JSON file with a top-level {@code "checks"} array (the rule format of a
 * config's {@code checks:}, as {@code anneal plan} writes it) and optionally {@code "na_values"}, the
 * tokens that meant missing in the profiled data. Other keys are the profile's own and are not read here.
 *
 * @param naValues tokens that mean missing besides the empty field
 */
public record CheckProfile(List<DataCheck> checks, List<String> naValues) {

    private static final Set<String> KEYS = Section.keys("checks", "na_values");

    public CheckProfile {
        checks = List.copyOf(checks);
        naValues = List.copyOf(naValues);
    }

    /** Reads {@code file}; every problem in its checks is reported at once, with its path. */
    public static CheckProfile read(Path file) {
        JsonNode root = readTree(file);
        if (!root.isObject()) {
            throw new AnnealException(file + ": expected a JSON object with a \"checks\" list, got "
                    + Section.describe(root));
        }
        Problems problems = new Problems();
        Section top = new Section(((ObjectNode) root.deepCopy()).retain(KEYS), "", problems, KEYS);
        if (!top.has("checks")) {
            problems.add("checks", "required: the list of checks to run, e.g. [{\"column\": \"age\", \"rule\":"
                    + " \"present\"}]");
        }
        List<DataCheck> checks = CheckParser.parse(top.raw("checks"), "checks", problems);
        List<String> naValues = top.strings("na_values");
        problems.throwIfAny(file.toString());
        return new CheckProfile(checks, naValues);
    }

    private static JsonNode readTree(Path file) {
        try {
            JsonNode root = Json.mapper().readTree(Files.readString(file));
            if (root == null || root.isMissingNode()) {
                throw new AnnealException(file + ": the file is empty; expected a JSON object with a \"checks\" list");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new AnnealException(file + ": not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (NoSuchFileException e) {
            throw new AnnealException(file + ": file not found");
        } catch (IOException e) {
            throw new AnnealException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
