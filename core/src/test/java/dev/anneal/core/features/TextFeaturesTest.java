package dev.anneal.core.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.config.ColumnConfig;
import dev.anneal.core.config.TextConfig;
import dev.anneal.core.data.ColumnType;
import dev.anneal.core.data.Table;
import dev.anneal.core.data.TextColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFeaturesTest {

    private static final String[] DOCS = {"good good coffee", "bad coffee", "good tea", "bad bad tea", null, ""};

    private static FittedPipeline fit(FeatureProfile profile, TextConfig text) {
        ColumnConfig overrides = new ColumnConfig(ColumnType.TEXT, null, null, null, null, null, null, text, null);
        FeatureSpec spec = FeatureSpec.of("review", ColumnType.TEXT, profile, overrides);
        Table table = new Table(List.of(new TextColumn("review", DOCS)));
        return new FeaturePipeline(List.of(spec)).fit(table, null, 1).pipeline();
    }

    @Test
    void tfIdfMatchesScikitLearnsSmoothSublinearDefinition() {
        TextConfig text = new TextConfig(16, 100, 1, null, TextConfig.Encoder.DEFAULT,
                new TextConfig.TfIdf(100, 2, 2, true, 64));
        FittedPipeline pipeline = fit(FeatureProfile.LINEAR, text);
        FeatureMatrix matrix = pipeline.transform(new Table(List.of(new TextColumn("review", DOCS))));
        assertEquals(0, matrix.cols());
        // Unigrams in >= 2 documents: good, coffee, bad, tea; no bigram reaches min_df 2.
        assertEquals(4, matrix.sparse().cols());
        List<String> names = matrix.names();
        int good = names.indexOf("review__tfidf_good");
        int coffee = names.indexOf("review__tfidf_coffee");
        assertTrue(good >= 0 && coffee >= 0, names.toString());
        // Row 0: good x2, coffee x1; idf = ln(7/3) + 1 for both (df 2 of 6 rows).
        double idf = Math.log(7.0 / 3.0) + 1;
        double wGood = (1 + Math.log(2)) * idf;
        double wCoffee = idf;
        double norm = Math.hypot(wGood, wCoffee);
        SparseRows rows = matrix.sparse();
        assertEquals(2, rows.rowStarts()[1] - rows.rowStarts()[0]);
        float[] dense = new float[4];
        for (long i = rows.rowStarts()[0]; i < rows.rowStarts()[1]; i++) {
            dense[rows.columns()[(int) i]] = rows.values()[(int) i];
        }
        assertEquals(wGood / norm, dense[good], 1e-6);
        assertEquals(wCoffee / norm, dense[coffee], 1e-6);
        // A missing and an empty text have no entries.
        assertEquals(rows.rowStarts()[4], rows.rowStarts()[6]);
    }

    @Test
    void tokenFeaturesHoldIdsPlusOneAndZeroPadding() {
        TextConfig text = new TextConfig(6, 100, 1, null, TextConfig.Encoder.DEFAULT, TextConfig.TfIdf.DEFAULT);
        FittedPipeline pipeline = fit(FeatureProfile.NEURAL, text);
        FeatureMatrix matrix = pipeline.transform(new Table(List.of(new TextColumn("review", DOCS))));
        assertEquals(6, matrix.cols());
        TextTokensFeature feature = (TextTokensFeature) pipeline.features().get(0);
        int[] ids = feature.tokenizer().encode("good good coffee");
        float[] row = new float[6];
        System.arraycopy(matrix.values(), 0, row, 0, 6);
        assertArrayEquals(new float[] {ids[0] + 1, ids[1] + 1, ids[2] + 1, ids[3] + 1, 0, 0}, row);
        // The missing row is [CLS] alone.
        assertEquals(feature.tokenizer().id("[CLS]").getAsInt() + 1, matrix.get(4, 0));
        assertEquals(0, matrix.get(4, 1));
    }

    @Test
    void fittedTextFeaturesSurviveJson() {
        TextConfig text = new TextConfig(8, 100, 1, null, TextConfig.Encoder.DEFAULT,
                new TextConfig.TfIdf(100, 1, 2, true, 64));
        for (FeatureProfile profile : List.of(FeatureProfile.NEURAL, FeatureProfile.TREES)) {
            FittedPipeline pipeline = fit(profile, text);
            FittedPipeline back = FittedPipeline.fromJson(pipeline.toJson());
            Table table = new Table(List.of(new TextColumn("review", new String[] {"good coffee, bad tea!", "tea"})));
            FeatureMatrix a = pipeline.transform(table);
            FeatureMatrix b = back.transform(table);
            assertArrayEquals(a.values(), b.values());
            assertEquals(a.names(), b.names());
            if (a.sparse() != null) {
                assertArrayEquals(a.sparse().values(), b.sparse().values());
                assertArrayEquals(a.sparse().columns(), b.sparse().columns());
            }
        }
    }
}
