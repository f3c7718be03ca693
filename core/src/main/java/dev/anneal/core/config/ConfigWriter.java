package dev.anneal.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes a {@link ProjectConfig} back as YAML in the shape {@link ConfigLoader} reads, with every
 * default filled in: the {@code config.yaml} of a run, which reproduces it.
 */
public final class ConfigWriter {

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .stringQuotingChecker(new QuoteWhatWouldNotReadBackAsText())
                    .build())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    private ConfigWriter() {
    }

    public static String toYaml(ProjectConfig config) {
        return toYaml(toMap(config));
    }

    /**
     * A config given as nested maps and lists (such as the one {@code anneal plan} proposes), written with
     * the same quoting, so that every label reads back as text.
     */
    public static String toYaml(Map<String, Object> config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> toMap(ProjectConfig config) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("schemaVersion", config.schemaVersion());
        out.put("name", config.name());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", config.data().path().toString());
        data.put("na_values", config.data().naValues());
        data.put("deduplicate", config.data().deduplicate());
        putIfSet(data, "hash_salt", config.data().hashSalt());
        out.put("data", data);
        out.put("target", config.target());
        putIfSet(out, "task", config.task() == null ? null : config.task().configName());
        putIfSet(out, "positive", config.positive());
        Map<String, Object> columns = new LinkedHashMap<>();
        config.columns().forEach((name, column) -> columns.put(name, columnMap(column)));
        out.put("columns", columns);
        out.put("split", splitMap(config.split()));
        putIfSet(out, "metric", config.metric());
        out.put("models", config.models().stream().map(m -> {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", m.name());
            model.put("type", m.type());
            model.put("params", new java.util.TreeMap<>(m.params()));
            return model;
        }).toList());
        out.put("checks", config.checks());
        out.put("seed", config.seed());
        out.put("device", config.device());
        out.put("output", config.output().toString());
        out.put("bundles", config.bundles().toString());
        return out;
    }

    private static Map<String, Object> columnMap(ColumnConfig column) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfSet(out, "type", column.type() == null ? null : column.type().configName());
        putIfSet(out, "privacy", column.privacy() == null ? null : column.privacy().configName());
        putIfSet(out, "impute", column.impute() == null ? null : column.impute().configName());
        putIfSet(out, "fill_value", column.fillValue());
        putIfSet(out, "missing_indicator", column.missingIndicator());
        putIfSet(out, "scale", column.scale() == null ? null : column.scale().configName());
        putIfSet(out, "encode", column.encode() == null ? null : column.encode().configName());
        putIfSet(out, "max_cardinality", column.maxCardinality());
        if (column.text() != null) {
            TextConfig text = column.text();
            out.put("max_length", text.maxLength());
            out.put("vocab_size", text.vocabSize());
            out.put("min_frequency", text.minFrequency());
            putIfSet(out, "tokenizer", text.tokenizer() == null ? null : text.tokenizer().toString());
            TextConfig.Encoder encoder = text.encoder();
            Map<String, Object> encoderMap = new LinkedHashMap<>();
            encoderMap.put("type", encoder.type().name().toLowerCase(Locale.ROOT));
            encoderMap.put("dim", encoder.dim());
            encoderMap.put("layers", encoder.layers());
            encoderMap.put("heads", encoder.heads());
            encoderMap.put("widths", encoder.widths());
            encoderMap.put("filters", encoder.filters());
            encoderMap.put("pooling", encoder.pooling());
            putIfSet(encoderMap, "model", encoder.model() == null ? null : encoder.model().toString());
            encoderMap.put("trainable", encoder.trainable());
            out.put("encoder", encoderMap);
            TextConfig.TfIdf tfidf = text.tfidf();
            Map<String, Object> tfidfMap = new LinkedHashMap<>();
            tfidfMap.put("max_features", tfidf.maxFeatures());
            tfidfMap.put("min_df", tfidf.minDf());
            tfidfMap.put("ngrams", tfidf.ngramMax());
            tfidfMap.put("sublinear_tf", tfidf.sublinearTf());
            tfidfMap.put("max_length", tfidf.maxLength());
            out.put("tfidf", tfidfMap);
        }
        return out;
    }

    private static Map<String, Object> splitMap(SplitConfig split) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfSet(out, "method", split.method() == null ? null : split.method().configName());
        out.put("ratios", split.ratios());
        out.put("seed", split.seed());
        if (split.timeColumn() != null) {
            out.put("time", Map.of("column", split.timeColumn()));
        }
        if (split.groupColumn() != null) {
            out.put("group", Map.of("column", split.groupColumn()));
        }
        putIfSet(out, "file", split.file() == null ? null : split.file().toString());
        return out;
    }

    /**
     * Quotes, besides what Jackson quotes anyway, every string the YAML reader would resolve to something
     * other than a string ({@code 0x1F}, {@code 1e-6}, {@code 1_000}, {@code +1}, ...): unquoted, a label
     * {@code 0x1F} would load back as the number 31.
     */
    private static final class QuoteWhatWouldNotReadBackAsText extends StringQuotingChecker.Default {

        private static final long serialVersionUID = 1L;
        private static final Resolver RESOLVER = new Resolver();

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || RESOLVER.resolve(NodeId.scalar, value, true) != Tag.STR;
        }
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
