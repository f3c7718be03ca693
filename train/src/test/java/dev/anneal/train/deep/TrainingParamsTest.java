package dev.anneal.train.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.config.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared training parameters of the deep families: checks with paths, defaults, reading. */
class TrainingParamsTest {

    @Test
    void everyBadValueIsAProblemWithItsPath() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("epochs", 0);
        params.put("batch_size", 2.5);
        params.put("learning_rate", -1);
        params.put("weight_decay", -0.1);
        params.put("schedule", "cosin");
        params.put("warmup_epochs", -2);
        params.put("class_weights", "balancd");
        params.put("loss", "l1");
        Problems problems = new Problems();
        TrainingParams.check(params, "models[0].params", problems);
        List<String> list = problems.list();
        assertEquals(8, list.size(), list.toString());
        assertTrue(list.contains("models[0].params.epochs: expected a positive integer, got 0"), list.toString());
        assertTrue(list.contains("models[0].params.learning_rate: expected a positive number, got -1"), list.toString());
        assertTrue(list.contains("models[0].params.schedule: expected one of [constant, cosine, plateau], got cosin;"
                + " did you mean 'cosine'?"), list.toString());
        assertTrue(list.contains("models[0].params.warmup_epochs: expected an integer >= 0, got -2"), list.toString());
    }

    @Test
    void defaultsFillWhatIsNotSet() {
        Map<String, Object> resolved = TrainingParams.resolve(Map.of("epochs", 7));
        assertEquals(7, resolved.get("epochs"));
        assertEquals(256, resolved.get("batch_size"));
        assertEquals(TrainingParams.names(), resolved.keySet().stream().sorted().collect(java.util.stream.Collectors
                .toCollection(java.util.TreeSet::new)));
        TrainingParams read = TrainingParams.of(Map.of("schedule", "plateau", "grad_clip", 1.5));
        assertEquals("plateau", read.schedule());
        assertEquals(1.5, read.gradClip());
        assertEquals(10, read.patience());
        Problems none = new Problems();
        TrainingParams.check(resolved, "p", none);
        assertTrue(none.isEmpty(), none.list().toString());
    }
}
