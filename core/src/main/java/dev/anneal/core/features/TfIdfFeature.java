package dev.anneal.core.features;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.anneal.core.data.Column;
import dev.anneal.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A text column as TF-IDF over word n-grams, the text representation of the tree and linear baselines:
 * each kept n-gram's count in the row ({@code 1 + ln(count)} when sublinear) times its inverse document
 * frequency, the row then scaled to unit L2 norm — scikit-learn's {@code TfidfVectorizer} with smooth
 * idf. N-grams are sequences of the tokenizer's word ids; one that holds a special or unknown token
 * never counts. The output is sparse ({@link #transformSparse}); a row without any kept n-gram is empty.
 */
public final class TfIdfFeature implements FittedFeature {

    private final String column;
    private final Tokenizer tokenizer;
    private final int[][] ngrams;
    private final double[] idf;
    private final boolean sublinearTf;
    private final NgramKeys keys;
    private final Map<Long, Integer> index = new HashMap<>();

    /**
     * @param ngrams the kept n-grams as token ids, in output order
     * @param idf the inverse document frequency of each kept n-gram
     */
    @JsonCreator
    public TfIdfFeature(@JsonProperty("column") String column, @JsonProperty("tokenizer") Tokenizer tokenizer,
            @JsonProperty("ngrams") int[][] ngrams, @JsonProperty("idf") double[] idf,
            @JsonProperty("sublinear_tf") boolean sublinearTf) {
        if (ngrams.length != idf.length) {
            throw new IllegalArgumentException(ngrams.length + " n-grams but " + idf.length + " idf values");
        }
        this.column = column;
        this.tokenizer = tokenizer;
        this.ngrams = Arrays.stream(ngrams).map(int[]::clone).toArray(int[][]::new);
        this.idf = idf.clone();
        this.sublinearTf = sublinearTf;
        this.keys = new NgramKeys(tokenizer.vocabSize(), Arrays.stream(ngrams).mapToInt(g -> g.length).max().orElse(1));
        for (int i = 0; i < ngrams.length; i++) {
            index.put(keys.key(ngrams[i], 0, ngrams[i].length), i);
        }
    }

    @Override
    @JsonProperty("column")
    public String column() {
        return column;
    }

    @JsonProperty("tokenizer")
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @JsonProperty("ngrams")
    public int[][] ngrams() {
        return Arrays.stream(ngrams).map(int[]::clone).toArray(int[][]::new);
    }

    @JsonProperty("idf")
    public double[] idf() {
        return idf.clone();
    }

    @JsonProperty("sublinear_tf")
    public boolean sublinearTf() {
        return sublinearTf;
    }

    /** The longest n-gram. */
    @JsonIgnore
    public int maxGram() {
        return keys.maxGram();
    }

    @Override
    public boolean sparse() {
        return true;
    }

    @Override
    public List<String> outputNames() {
        List<String> tokens = tokenizer.tokensById();
        List<String> names = new ArrayList<>(ngrams.length);
        for (int[] gram : ngrams) {
            StringBuilder name = new StringBuilder(column).append("__tfidf_");
            for (int i = 0; i < gram.length; i++) {
                name.append(i == 0 ? "" : " ").append(tokens.get(gram[i]));
            }
            names.add(name.toString());
        }
        return names;
    }

    /** Writes the rows densely: meant for a few rows (tests, single requests), never a whole data set. */
    @Override
    public void transform(Column input, float[] out, int stride, int offset) {
        SparseRows rows = transformSparse(input);
        for (int row = 0; row < rows.rows(); row++) {
            Arrays.fill(out, row * stride + offset, row * stride + offset + ngrams.length, 0f);
            for (long i = rows.rowStarts()[row]; i < rows.rowStarts()[row + 1]; i++) {
                out[row * stride + offset + rows.columns()[(int) i]] = rows.values()[(int) i];
            }
        }
    }

    @Override
    public SparseRows transformSparse(Column input) {
        int n = input.size();
        long[] starts = new long[n + 1];
        int[][] rowColumns = new int[n][];
        float[][] rowValues = new float[n][];
        Map<Integer, int[]> counts = new HashMap<>();
        for (int row = 0; row < n; row++) {
            counts.clear();
            int[] ids = tokenizer.encode(input.format(row));
            for (int length = 1; length <= keys.maxGram(); length++) {
                for (int start = 0; start + length <= ids.length; start++) {
                    Integer feature = index.get(keys.key(ids, start, length));
                    if (feature != null) {
                        counts.computeIfAbsent(feature, f -> new int[1])[0]++;
                    }
                }
            }
            int[] features = counts.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            double[] weights = new double[features.length];
            double norm = 0;
            for (int i = 0; i < features.length; i++) {
                int count = counts.get(features[i])[0];
                double tf = sublinearTf ? 1 + Math.log(count) : count;
                weights[i] = tf * idf[features[i]];
                norm += weights[i] * weights[i];
            }
            norm = Math.sqrt(norm);
            rowColumns[row] = features;
            rowValues[row] = new float[features.length];
            for (int i = 0; i < features.length; i++) {
                rowValues[row][i] = (float) (weights[i] / norm);
            }
            starts[row + 1] = starts[row] + features.length;
        }
        int[] columns = new int[Math.toIntExact(starts[n])];
        float[] values = new float[columns.length];
        for (int row = 0; row < n; row++) {
            System.arraycopy(rowColumns[row], 0, columns, (int) starts[row], rowColumns[row].length);
            System.arraycopy(rowValues[row], 0, values, (int) starts[row], rowValues[row].length);
        }
        return new SparseRows(starts, columns, values, ngrams.length);
    }
}
