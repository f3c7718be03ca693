package dev.anneal.serve.runtime;

import dev.anneal.core.bundle.GraphInputs;
import dev.anneal.core.bundle.ModelBundle;
import dev.anneal.core.data.CsvReader;
import dev.anneal.core.data.ReadOptions;
import dev.anneal.core.data.Table;
import dev.anneal.core.features.FittedPipeline;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The golden bundle of the test resources (see its README) and its rows, for the tests that score them. */
public final class GoldenRows {

    private GoldenRows() {
    }

    /** A file or folder under the golden test resources. */
    public static Path golden(String name) throws URISyntaxException {
        return Path.of(GoldenRows.class.getResource("/golden/" + name).toURI());
    }

    /** The golden bundle's ONNX model. */
    public static Path model() throws URISyntaxException {
        return golden("churn-linear/1").resolve(ModelBundle.MODEL);
    }

    /** One batch of graph inputs per golden row (that row alone), in the file's order. */
    public static List<Map<String, Object>> singleRows() throws IOException, URISyntaxException {
        ModelBundle bundle = ModelBundle.read(golden("churn-linear/1"));
        FittedPipeline pipeline = FittedPipeline.fromJson(Files.readString(bundle.file(ModelBundle.PREPROCESSOR)));
        Table rows = CsvReader.read(golden("rows.csv"), ReadOptions.defaults());
        List<Map<String, Object>> single = new ArrayList<>();
        for (int row = 0; row < rows.rowCount(); row++) {
            single.add(GraphInputs.of(rows.select(new int[] {row}), pipeline));
        }
        return single;
    }
}
