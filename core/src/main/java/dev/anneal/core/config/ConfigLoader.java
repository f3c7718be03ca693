package dev.anneal.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.core.AnnealException;
import dev.anneal.core.Task;
import dev.anneal.core.checks.DataCheck;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.features.CategoryEncoding;
import dev.anneal.core.features.Imputation;
import dev.anneal.core.features.Scaling;
import dev.anneal.core.metrics.Metric;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a YAML experiment config into a validated {@link ProjectConfig}: unknown keys, wrong types,
 * unsuitable combinations and unknown model families are all reported together in one
 * {@link ConfigException}, before any data is read.
 */
public final class ConfigLoader {

    private static final Set<String> TOP_KEYS = Section.keys("schemaVersion", "name", "data", "target", "task",
            "positive", "columns", "split", "metric", "models", "checks", "seed", "device", "output", "bundles");
    private static final Set<String> DATA_KEYS = Section.keys("path", "na_values", "deduplicate", "hash_salt");
    private static final Set<String> COLUMN_KEYS = Section.keys("type", "impute", "fill_value", "missing_indicator",
            "scale", "encode", "max_cardinality", "privacy", "max_length", "vocab_size", "min_frequency", "tokenizer",
            "encoder", "tfidf");
    private static final Set<String> TEXT_KEYS = Section.keys("max_length", "vocab_size", "min_frequency", "tokenizer",
            "encoder", "tfidf");
    private static final Set<String> ENCODER_KEYS = Section.keys("type", "dim", "layers", "heads", "widths", "filters",
            "pooling", "model", "trainable", "onnx");
    private static final Set<String> TFIDF_KEYS = Section.keys("max_features", "min_df", "ngrams", "sublinear_tf",
            "max_length");
    private static final Set<String> SPLIT_KEYS = Section.keys("method", "ratios", "seed", "time", "group", "file");
    private static final Set<String> SPLIT_COLUMN_KEYS = Section.keys("column");
    private static final Set<String> MODEL_KEYS = Section.keys("name", "type", "params");
    private static final List<Double> DEFAULT_RATIOS = List.of(0.70, 0.15, 0.15);
    private static final long DEFAULT_SEED = 42;
    /** The shortest {@code data.hash_salt}: a short salt is guessed as easily as the values it hides. */
    private static final int MIN_SALT_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ModelCatalog catalog;

    public ConfigLoader(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Loads and validates {@code file}.
     *
     * @param seedOverride replaces the config's {@code seed} (and the split seed when the config sets none)
     */
    public ProjectConfig load(Path file, OptionalLong seedOverride) {
        return parse(readTree(file), file.toAbsolutePath().normalize(), seedOverride);
    }

    private static JsonNode readTree(Path file) {
        JsonNode root = YamlFile.read(file, "config");
        if (root == null) {
            throw new AnnealException(file + ": the config is empty; expected a YAML mapping with schemaVersion: 1");
        }
        return root;
    }

    ProjectConfig parse(JsonNode root, Path source, OptionalLong seedOverride) {
        Problems problems = new Problems();
        Section top = new Section(root, "", problems, TOP_KEYS);
        Path base = source.getParent();

        Long version = top.integer("schemaVersion", null);
        if (version == null && !top.has("schemaVersion")) {
            problems.add("schemaVersion", "required: this release reads schemaVersion: " + ProjectConfig.SCHEMA_VERSION);
        } else if (version != null && version != ProjectConfig.SCHEMA_VERSION) {
            problems.add("schemaVersion", "this release reads only schemaVersion " + ProjectConfig.SCHEMA_VERSION
                    + ", got " + version);
        }
        String name = top.string("name", defaultName(source));
        if (!name.matches("[A-Za-z0-9._-]+")) {
            problems.add("name", "use letters, digits, '.', '_' or '-' only (it names the run folder), got '" + name + "'");
        }
        DataConfig data = parseData(top, base);
        String target = top.requiredString("target");
        Task task = top.choice("task", Task.class, null);
        String positive = top.string("positive", null);
        if (positive != null && task != null && task != Task.BINARY) {
            problems.add("positive", "only a binary task has a positive label, but task is " + task.configName());
        }
        Map<String, ColumnConfig> columns = parseColumns(top, base);
        if (target != null && columns.containsKey(target) && columns.get(target).type() != null) {
            problems.add("columns." + target, "the target column cannot have a feature type");
        }
        if (target != null && columns.containsKey(target) && columns.get(target).privacy() != null) {
            problems.add("columns." + target + ".privacy", "the target column cannot be dropped or hashed");
        }
        long configSeed = top.integer("seed", DEFAULT_SEED);
        long seed = seedOverride.orElse(configSeed);
        SplitConfig split = parseSplit(top, base, task, seed);
        checkPrivacy(data, columns, split, problems);
        String metric = parseMetric(top, task);
        List<ModelConfig> models = parseModels(top);
        List<DataCheck> checks = CheckParser.parse(top.raw("checks"), "checks", problems);
        String device = top.string("device", DeviceSpec.AUTO);
        DeviceSpec.problem(device).ifPresent(problem -> problems.add("device", problem));
        Path output = base.resolve(top.string("output", "runs")).normalize();
        Path bundles = base.resolve(top.string("bundles", "models")).normalize();

        problems.throwIfAny(source.toString());
        return new ProjectConfig(ProjectConfig.SCHEMA_VERSION, name, data, target, task, positive, columns, split, metric,
                models, checks, seed, device, output, bundles, source);
    }

    private static String defaultName(Path source) {
        String file = source.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return (dot > 0 ? file.substring(0, dot) : file).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static DataConfig parseData(Section top, Path base) {
        if (!top.has("data")) {
            top.problems().add("data", "required: expected a mapping with path: <data file>");
            return null;
        }
        Section data = top.section("data", DATA_KEYS);
        String path = data.requiredString("path");
        List<String> naValues = data.strings("na_values");
        boolean deduplicate = data.bool("deduplicate", false);
        String hashSalt = data.string("hash_salt", null);
        if (hashSalt != null && hashSalt.length() < MIN_SALT_LENGTH) {
            top.problems().add(data.child("hash_salt"), "must be at least " + MIN_SALT_LENGTH + " characters, got "
                    + hashSalt.length() + "; for example hash_salt: " + randomSalt());
        }
        return path == null ? null : new DataConfig(base.resolve(path).normalize(), naValues, deduplicate, hashSalt);
    }

    /**
     * The cross-checks of {@code privacy}: a hashed column needs {@code data.hash_salt} (and the salt needs a
     * hashed column), and a split cannot order rows by a column of personal data, nor group them by a
     * dropped one (a hashed one keeps its entities, so it can group).
     */
    private static void checkPrivacy(DataConfig data, Map<String, ColumnConfig> columns, SplitConfig split,
            Problems problems) {
        List<String> hashed = columns.entrySet().stream()
                .filter(entry -> entry.getValue().privacy() == Privacy.HASH)
                .map(entry -> "columns." + entry.getKey())
                .toList();
        if (data != null && hashed.isEmpty() && data.hashSalt() != null) {
            problems.add("data.hash_salt", "only used when a column has privacy: hash");
        } else if (data != null && !hashed.isEmpty() && data.hashSalt() == null) {
            problems.add("data.hash_salt", "required when a column has privacy: hash (" + String.join(", ", hashed)
                    + "): a secret of at least " + MIN_SALT_LENGTH + " characters, for example hash_salt: "
                    + randomSalt());
        }
        Privacy time = privacyOf(columns, split.timeColumn());
        if (time != null) {
            problems.add("split.time.column", "'" + split.timeColumn() + "' has privacy: " + time.configName()
                    + ", so it cannot order the rows");
        }
        if (privacyOf(columns, split.groupColumn()) == Privacy.DROP) {
            problems.add("split.group.column", "'" + split.groupColumn() + "' has privacy: drop, so it is not read;"
                    + " use privacy: hash to group by it without keeping its values");
        }
    }

    /** The privacy setting of {@code column}, {@code null} when it has none or no column is named. */
    private static Privacy privacyOf(Map<String, ColumnConfig> columns, String column) {
        return column == null ? null : columns.getOrDefault(column, ColumnConfig.NONE).privacy();
    }

    /** A fresh random salt to suggest: 32 hexadecimal digits (128 bits). */
    private static String randomSalt() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static Map<String, ColumnConfig> parseColumns(Section top, Path base) {
        Map<String, ColumnConfig> columns = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : top.entries("columns").entrySet()) {
            Section column = new Section(entry.getValue(), "columns." + entry.getKey(), top.problems(), COLUMN_KEYS);
            Long maxCardinality = column.integer("max_cardinality", null);
            if (maxCardinality != null && (maxCardinality < 1 || maxCardinality > 100_000)) {
                top.problems().add(column.child("max_cardinality"), "must be in [1, 100000], got " + maxCardinality);
            }
            Imputation impute = column.choice("impute", Imputation.class, null);
            Double fillValue = column.number("fill_value", null);
            if (impute == Imputation.CONSTANT && fillValue == null) {
                top.problems().add(column.child("fill_value"), "required when impute is constant");
            } else if (impute != Imputation.CONSTANT && fillValue != null) {
                top.problems().add(column.child("fill_value"), "only used with impute: constant");
            }
            ColumnType type = column.choice("type", ColumnType.class, null);
            Privacy privacy = column.choice("privacy", Privacy.class, null);
            if (privacy == Privacy.DROP && type != null) {
                top.problems().add(column.child("privacy"), "drop leaves the column out, so it has no type; remove"
                        + " type: " + type.configName());
            } else if (privacy == Privacy.HASH && type != null && type != ColumnType.ID) {
                top.problems().add(column.child("privacy"), "hash makes the column an id (never a feature); remove"
                        + " type: " + type.configName() + " or make it type: id");
            }
            columns.put(entry.getKey(), new ColumnConfig(
                    type,
                    impute,
                    fillValue,
                    column.bool("missing_indicator", null),
                    column.choice("scale", Scaling.class, null),
                    column.choice("encode", CategoryEncoding.class, null),
                    maxCardinality == null ? null : maxCardinality.intValue(),
                    parseText(column, type, base),
                    privacy));
        }
        return columns;
    }

    /** The text settings of a column, or {@code null} when it has none; only a text column may have them. */
    private static TextConfig parseText(Section column, ColumnType type, Path base) {
        if (TEXT_KEYS.stream().noneMatch(column::has)) {
            return null;
        }
        if (type != null && type != ColumnType.TEXT) {
            column.problems().add(column.path(), "text settings (" + String.join(", ", TEXT_KEYS)
                    + ") need type: text, got type: " + type.configName());
        }
        TextConfig d = TextConfig.DEFAULT;
        int maxLength = bounded(column, "max_length", d.maxLength(), 2, 100_000);
        int vocabSize = bounded(column, "vocab_size", d.vocabSize(), 4, 10_000_000);
        int minFrequency = bounded(column, "min_frequency", d.minFrequency(), 1, Integer.MAX_VALUE);
        String tokenizer = column.string("tokenizer", null);
        TextConfig.Encoder encoder = parseEncoder(column.section("encoder", ENCODER_KEYS), base);
        if (encoder.type() == TextConfig.EncoderType.PRETRAINED && tokenizer == null) {
            column.problems().add(column.child("tokenizer"), "required with encoder type pretrained (the model's own"
                    + " tokenizer.json)");
        }
        return new TextConfig(maxLength, vocabSize, minFrequency,
                tokenizer == null ? null : base.resolve(tokenizer).normalize(), encoder,
                parseTfIdf(column.section("tfidf", TFIDF_KEYS)));
    }

    private static TextConfig.Encoder parseEncoder(Section encoder, Path base) {
        TextConfig.Encoder d = TextConfig.Encoder.DEFAULT;
        TextConfig.EncoderType type = encoder.choice("type", TextConfig.EncoderType.class, d.type());
        int dim = bounded(encoder, "dim", d.dim(), 1, 4096);
        int heads = bounded(encoder, "heads", d.heads(), 1, 64);
        if (type == TextConfig.EncoderType.TRANSFORMER && dim % heads != 0) {
            encoder.problems().add(encoder.child("heads"), "dim " + dim + " must be a multiple of heads " + heads);
        }
        List<Integer> widths = new ArrayList<>();
        for (Double width : encoder.numbers("widths", d.widths().stream().map(Integer::doubleValue).toList())) {
            if (width != Math.rint(width) || width < 1 || width > 32) {
                encoder.problems().add(encoder.child("widths"), "expected kernel widths in [1, 32], got " + width);
            }
            widths.add(width.intValue());
        }
        String pooling = encoder.string("pooling", d.pooling());
        if (!List.of("mean", "cls").contains(pooling)) {
            encoder.problems().add(encoder.child("pooling"), "expected one of [mean, cls], got '" + pooling + "'");
        }
        String model = encoder.string("model", null);
        if (type == TextConfig.EncoderType.PRETRAINED && model == null) {
            encoder.problems().add(encoder.child("model"), "required with type: pretrained (a TorchScript file)");
        } else if (type != TextConfig.EncoderType.PRETRAINED && model != null) {
            encoder.problems().add(encoder.child("model"), "only used with type: pretrained");
        }
        String onnx = encoder.string("onnx", null);
        if (type != TextConfig.EncoderType.PRETRAINED && onnx != null) {
            encoder.problems().add(encoder.child("onnx"), "only used with type: pretrained");
        }
        return new TextConfig.Encoder(type, dim, bounded(encoder, "layers", d.layers(), 1, 48), heads, widths,
                bounded(encoder, "filters", d.filters(), 1, 4096), pooling,
                model == null ? null : base.resolve(model).normalize(), encoder.bool("trainable", d.trainable()),
                onnx == null ? null : base.resolve(onnx).normalize());
    }

    private static TextConfig.TfIdf parseTfIdf(Section tfidf) {
        TextConfig.TfIdf d = TextConfig.TfIdf.DEFAULT;
        return new TextConfig.TfIdf(bounded(tfidf, "max_features", d.maxFeatures(), 1, 10_000_000),
                bounded(tfidf, "min_df", d.minDf(), 1, Integer.MAX_VALUE), bounded(tfidf, "ngrams", d.ngramMax(), 1, 3),
                tfidf.bool("sublinear_tf", d.sublinearTf()), bounded(tfidf, "max_length", d.maxLength(), 1, 1_000_000));
    }

    /** An integer setting in {@code [min, max]}; out of range is a problem, and the default stands in. */
    private static int bounded(Section section, String key, int fallback, int min, int max) {
        return section.integer(key, (long) fallback, min, max).intValue();
    }

    private static SplitConfig parseSplit(Section top, Path base, Task task, long seed) {
        Section split = top.section("split", SPLIT_KEYS);
        SplitMethod fallback = task == null ? null : task == Task.REGRESSION ? SplitMethod.RANDOM : SplitMethod.STRATIFIED;
        SplitMethod method = split.choice("method", SplitMethod.class, fallback);
        if (method == SplitMethod.STRATIFIED && task == Task.REGRESSION) {
            top.problems().add(split.child("method"), "stratified needs classes, but task is regression; use random");
        }
        List<Double> ratios = split.numbers("ratios", DEFAULT_RATIOS);
        checkRatios(ratios, split.child("ratios"), top.problems());
        long splitSeed = split.integer("seed", seed);
        String timeColumn = splitColumn(split, "time", method == SplitMethod.TIME);
        String groupColumn = splitColumn(split, "group", method == SplitMethod.GROUP);
        String file = split.string("file", null);
        if (method == SplitMethod.FILE && file == null) {
            top.problems().add(split.child("file"), "required when method is file: a JSON file with train, validation and test row indices");
        } else if (method != SplitMethod.FILE && file != null) {
            top.problems().add(split.child("file"), "only used when method is file");
        }
        return new SplitConfig(method, ratios, splitSeed, timeColumn, groupColumn,
                file == null ? null : base.resolve(file).normalize());
    }

    private static void checkRatios(List<Double> ratios, String path, Problems problems) {
        if (ratios.size() != 3) {
            problems.add(path, "expected three shares [train, validation, test], got " + ratios.size());
            return;
        }
        double sum = 0;
        for (double ratio : ratios) {
            if (!(ratio > 0 && ratio < 1)) {
                problems.add(path, "each share must be in (0, 1), got " + ratios);
                return;
            }
            sum += ratio;
        }
        if (Math.abs(sum - 1) > 1e-6) {
            problems.add(path, "shares must sum to 1, got " + ratios + " (sum " + (float) sum + ")");
        }
    }

    private static String splitColumn(Section split, String key, boolean required) {
        if (!split.has(key)) {
            if (required) {
                split.problems().add(split.child(key), "required when method is " + key + ": {column: <name>}");
            }
            return null;
        }
        Section section = split.section(key, SPLIT_COLUMN_KEYS);
        String column = section.requiredString("column");
        if (!required) {
            split.problems().add(split.child(key), "only used when method is " + key);
        }
        return column;
    }

    private static String parseMetric(Section top, Task task) {
        String metric = top.string("metric", null);
        if (metric == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Metric m : Metric.values()) {
            names.add(m.configName());
        }
        Metric known = Metric.byName(metric).orElse(null);
        if (known == null) {
            top.problems().add("metric", "expected one of " + names + ", got '" + metric + "'" + Suggestions.didYouMean(metric, names));
        } else if (task != null && !known.suits(task)) {
            List<String> suited = Metric.forTask(task).stream().map(Metric::configName).toList();
            top.problems().add("metric", metric + " does not suit a " + task.configName() + " task; expected one of " + suited);
        }
        return metric;
    }

    private List<ModelConfig> parseModels(Section top) {
        JsonNode node = top.raw("models");
        List<ModelConfig> models = new ArrayList<>();
        if (node == null) {
            top.problems().add("models", "required: a list of candidates, e.g. [{name: xgb, type: xgboost}]");
            return models;
        }
        if (!node.isArray() || node.isEmpty()) {
            top.problems().add("models", "expected a non-empty list of candidates, got "
                    + (node.isArray() ? "an empty list" : Section.describe(node)));
            return models;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "models[" + i + "]";
            Section model = new Section(node.get(i), path, top.problems(), MODEL_KEYS);
            String type = model.requiredString("type");
            String name = model.string("name", type);
            if (name != null && !names.add(name)) {
                top.problems().add(model.child("name"), "'" + name + "' is already the name of another candidate");
            } else if (name != null && !name.matches("[A-Za-z0-9._-]+")) {
                top.problems().add(model.child("name"), "use letters, digits, '.', '_' or '-' only, got '" + name + "'");
            }
            Map<String, Object> params = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : model.entries("params").entrySet()) {
                if (entry.getValue().isNull()) {
                    top.problems().add(model.child("params") + "." + entry.getKey(), "expected a value, got nothing");
                } else {
                    params.put(entry.getKey(), YamlFile.plain(entry.getValue()));
                }
            }
            if (type != null) {
                if (!catalog.types().contains(type)) {
                    top.problems().add(model.child("type"), "unknown model family '" + type + "'"
                            + Suggestions.didYouMean(type, catalog.types()) + "; expected one of " + catalog.types());
                } else {
                    catalog.checkParams(type, params, model.child("params"), top.problems());
                }
            }
            if (name != null && type != null) {
                models.add(new ModelConfig(name, type, params));
            }
        }
        return models;
    }
}
