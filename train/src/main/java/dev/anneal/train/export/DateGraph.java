package dev.anneal.train.export;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.anneal.core.features.DateFeature;
import dev.anneal.core.features.DatePart;
import dev.anneal.core.features.NumericStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A date feature's parts computed in the graph from epoch seconds (UTC, double, NaN = missing): the
 * civil date by Howard Hinnant's {@code civil_from_days}, the ISO weekday, the hour, and the days since
 * the training reference. The arithmetic runs on doubles holding whole numbers, where every step is
 * exact, so the parts equal {@code java.time}'s.
 */
final class DateGraph {

    private static final double DAY = 86_400;

    private final GraphBuilder graph;

    DateGraph(GraphBuilder graph) {
        this.graph = graph;
    }

    /** Each part of {@code feature} (double) through its step ({@code step} applies one), concatenated. */
    ONNXRef<?> parts(ONNXRef<?> seconds, DateFeature feature, BiFunction<ONNXRef<?>, NumericStep, ONNXRef<?>> step) {
        ONNXRef<?> days = floorDiv(seconds, DAY);
        Civil civil = civil(days);
        List<ONNXRef<?>> outputs = new ArrayList<>();
        for (int j = 0; j < feature.parts().size(); j++) {
            DatePart part = feature.parts().get(j);
            ONNXRef<?> value = switch (part) {
                case YEAR -> civil.year;
                case MONTH -> civil.month;
                case DAY -> civil.day;
                // 1970-01-01 was a Thursday, ISO weekday 4.
                case DAY_OF_WEEK -> add(mod(add(days, 3), 7), 1);
                case HOUR -> floorDiv(sub(seconds, mul(days, DAY)), 3600);
                case ELAPSED_DAYS -> div(sub(seconds, graph.doubles(feature.referenceSeconds())), DAY);
            };
            outputs.add(step.apply(value, feature.steps().get(j)));
        }
        return graph.concat(1, outputs);
    }

    private record Civil(ONNXRef<?> year, ONNXRef<?> month, ONNXRef<?> day) {
    }

    /** Hinnant's civil_from_days on days since 1970-01-01. */
    private Civil civil(ONNXRef<?> days) {
        ONNXRef<?> z = add(days, 719_468);
        ONNXRef<?> era = floorDiv(z, 146_097);
        ONNXRef<?> doe = sub(z, mul(era, 146_097));
        // yoe = (doe - doe/1460 + doe/36524 - doe/146096) / 365
        ONNXRef<?> yoe = floorDiv(add(sub(sub(doe, floorDiv(doe, 1460)), floorDiv(doe, 146_096)),
                floorDiv(doe, 36_524)), 365);
        ONNXRef<?> doy = sub(doe, sub(add(mul(yoe, 365), floorDiv(yoe, 4)), floorDiv(yoe, 100)));
        ONNXRef<?> mp = floorDiv(add(mul(doy, 5), 2), 153);
        ONNXRef<?> day = add(sub(doy, floorDiv(add(mul(mp, 153), 2), 5)), 1);
        ONNXRef<?> late = graph.apply(ONNXOperators.CAST, Map.of("to", DataType.DOUBLE.getNumber()),
                graph.apply(ONNXOperators.GREATER_OR_EQUAL, mp, graph.doubles(10)));
        // month = mp < 10 ? mp + 3 : mp - 9, that is mp + 3 - 12 * late
        ONNXRef<?> month = sub(add(mp, 3), mul(late, 12));
        ONNXRef<?> year = add(add(yoe, mul(era, 400)), graph.apply(ONNXOperators.CAST,
                Map.of("to", DataType.DOUBLE.getNumber()), graph.apply(ONNXOperators.LESS_OR_EQUAL, month,
                        graph.doubles(2))));
        return new Civil(year, month, day);
    }

    private ONNXRef<?> floorDiv(ONNXRef<?> a, double b) {
        return graph.apply(OnnxOps.FLOOR, div(a, b));
    }

    private ONNXRef<?> mod(ONNXRef<?> a, double b) {
        return sub(a, mul(floorDiv(a, b), b));
    }

    private ONNXRef<?> add(ONNXRef<?> a, double b) {
        return graph.apply(ONNXOperators.ADD, a, graph.doubles(b));
    }

    private ONNXRef<?> add(ONNXRef<?> a, ONNXRef<?> b) {
        return graph.apply(ONNXOperators.ADD, a, b);
    }

    private ONNXRef<?> sub(ONNXRef<?> a, ONNXRef<?> b) {
        return graph.apply(ONNXOperators.SUB, a, b);
    }

    private ONNXRef<?> mul(ONNXRef<?> a, double b) {
        return graph.apply(ONNXOperators.MUL, a, graph.doubles(b));
    }

    private ONNXRef<?> div(ONNXRef<?> a, double b) {
        return graph.apply(ONNXOperators.DIV, a, graph.doubles(b));
    }
}
