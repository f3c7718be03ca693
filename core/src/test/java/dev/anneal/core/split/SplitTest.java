package dev.anneal.core.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void sortsAndCopiesItsArrays() {
        int[] train = {5, 1, 3};
        Split split = new Split(train, new int[] {2}, new int[] {0});
        train[0] = 99;
        assertArrayEquals(new int[] {1, 3, 5}, split.train());
        split.train()[0] = 42;
        assertArrayEquals(new int[] {1, 3, 5}, split.train());
        assertEquals(5, split.size());
    }

    @Test
    void equalityIsByContent() {
        Split a = new Split(new int[] {0, 1}, new int[] {2}, new int[] {3});
        Split b = new Split(new int[] {1, 0}, new int[] {2}, new int[] {3});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new Split(new int[] {0, 1}, new int[] {3}, new int[] {2}));
        assertEquals("Split[train=2 rows, validation=1 rows, test=1 rows]", a.toString());
    }

    @Test
    void rejectsARowInTwoSplitsAndNegativeRows() {
        assertThrows(IllegalArgumentException.class,
                () -> new Split(new int[] {0, 1}, new int[] {1}, new int[] {2}));
        assertThrows(IllegalArgumentException.class,
                () -> new Split(new int[] {0, 0}, new int[] {1}, new int[] {2}));
        assertThrows(IllegalArgumentException.class,
                () -> new Split(new int[] {-1}, new int[] {1}, new int[] {2}));
    }

    @Test
    void roundTripsThroughJackson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Split split = new Split(new int[] {0, 4}, new int[] {1}, new int[] {2, 3});
        String text = json.writeValueAsString(split);
        assertEquals("{\"train\":[0,4],\"validation\":[1],\"test\":[2,3]}", text);
        assertEquals(split, json.readValue(text, Split.class));
    }
}
