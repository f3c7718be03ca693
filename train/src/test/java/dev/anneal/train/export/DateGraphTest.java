package dev.anneal.train.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.anneal.core.data.DateColumn;
import dev.anneal.core.features.DateFeature;
import dev.anneal.core.features.DatePart;
import dev.anneal.core.features.NumericStep;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Date parts computed in ONNX equal java.time's, for every day of 1900-2100 and random times of day. */
class DateGraphTest {

    @Test
    void everyPartOfEveryDayFrom1900To2100MatchesJavaTime() throws OrtException {
        long first = LocalDate.of(1900, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long last = LocalDate.of(2100, 12, 31).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        int days = (int) ((last - first) / 86_400) + 1;
        SplittableRandom random = new SplittableRandom(5);
        long[] seconds = new long[days + 1];
        for (int day = 0; day < days; day++) {
            seconds[day] = first + 86_400L * day + random.nextInt(86_400);
        }
        seconds[days] = DateColumn.MISSING;
        List<DatePart> parts = Arrays.asList(DatePart.values());
        long reference = LocalDate.of(2001, 3, 4).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        DateFeature feature = new DateFeature("when", reference, parts,
                Collections.nCopies(parts.size(), NumericStep.IDENTITY));
        float[] expected = new float[seconds.length * parts.size()];
        feature.transform(new DateColumn("when", seconds), expected, parts.size(), 0);

        GraphBuilder graph = new GraphBuilder("dates");
        graph.output("parts", new DateGraph(graph).parts(graph.doubleInput("when"), feature,
                new PreprocessingGraph(graph, 0f)::numeric), DataType.FLOAT, parts.size());
        byte[] model = graph.build(Map.of()).toByteArray();
        double[][] input = new double[seconds.length][1];
        for (int row = 0; row < seconds.length; row++) {
            input[row][0] = seconds[row] == DateColumn.MISSING ? Double.NaN : seconds[row];
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
                OnnxTensor tensor = OnnxTensor.createTensor(env, input);
                OrtSession.Result result = session.run(Map.of("when", tensor))) {
            float[][] actual = (float[][]) result.get(0).getValue();
            for (int row = 0; row < seconds.length; row++) {
                for (int j = 0; j < parts.size(); j++) {
                    assertEquals(expected[row * parts.size() + j], actual[row][j],
                            "second " + seconds[row] + ", " + parts.get(j));
                }
            }
        }
        OnnxChecker.check(model);
    }
}
