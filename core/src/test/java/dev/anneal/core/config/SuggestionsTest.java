package dev.anneal.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    @ParameterizedTest
    @CsvSource({
        "'', '', 0",
        "'', abc, 3",
        "abc, '', 3",
        "abc, abc, 0",
        "abc, abd, 1",
        "abc, ab, 1",
        "ab, abc, 1",
        "tagret, target, 1",
        "ab, ba, 1",
        "kitten, sitting, 3",
        "flaw, lawn, 2",
        // optimal string alignment: a transposed pair cannot be edited again (true Damerau-Levenshtein gives 2)
        "ca, abc, 3",
        "max_dept, max_depth, 1",
    })
    void editDistance(String a, String b, int expected) {
        assertEquals(expected, Suggestions.editDistance(a, b));
        assertEquals(expected, Suggestions.editDistance(b, a), "symmetric");
    }

    @Test
    void closestPicksTheNearestAllowedWord() {
        List<String> keys = List.of("path", "na_values");
        assertEquals(Optional.of("path"), Suggestions.closest("pth", keys));
        assertEquals(Optional.of("na_values"), Suggestions.closest("navalues", keys));
        assertEquals(Optional.of("ratios"), Suggestions.closest("ratio", List.of("method", "ratios", "seed")));
    }

    @Test
    void closestIgnoresCaseButAnswersWithTheAllowedSpelling() {
        assertEquals(Optional.of("schemaVersion"), Suggestions.closest("schemaversion", List.of("schemaVersion", "name")));
        assertEquals(Optional.of("target"), Suggestions.closest("TARGET", List.of("target")));
    }

    @Test
    void toleranceGrowsWithTheWordUpToThree() {
        // up to 5 letters: one edit
        assertEquals(Optional.of("seed"), Suggestions.closest("sed", List.of("seed")));
        assertEquals(Optional.empty(), Suggestions.closest("sd", List.of("seed")));
        assertEquals(Optional.empty(), Suggestions.closest("xy", List.of("ab")));
        assertEquals(Optional.of("target"), Suggestions.closest("targt", List.of("target")));
        // 6 to 8 letters: two edits
        assertEquals(Optional.of("target"), Suggestions.closest("tarxxt", List.of("target")));
        assertEquals(Optional.empty(), Suggestions.closest("txrxxt", List.of("target")));
        // 9 letters or more: three edits, never more
        assertEquals(Optional.of("max_cardinality"), Suggestions.closest("max_cardnalty", List.of("max_cardinality")));
        assertEquals(Optional.of("missing_indicator"), Suggestions.closest("missing_indicxxxr", List.of("missing_indicator")));
        assertEquals(Optional.empty(), Suggestions.closest("missing_indxxxxr", List.of("missing_indicator")));
    }

    @Test
    void noCandidatesNoSuggestion() {
        assertEquals(Optional.empty(), Suggestions.closest("anything", List.of()));
        assertEquals(Optional.empty(), Suggestions.closest("colour", List.of("schemaVersion", "name", "data")));
    }

    @Test
    void firstOfEquallyCloseCandidatesWins() {
        assertEquals(Optional.of("mean"), Suggestions.closest("mexn", List.of("mean", "mern")));
        assertEquals(Optional.of("mern"), Suggestions.closest("mexn", List.of("mern", "mean")));
    }

    @Test
    void didYouMeanSentence() {
        assertEquals("; did you mean 'binary'?", Suggestions.didYouMean("binry", List.of("binary", "multiclass", "regression")));
        assertEquals("", Suggestions.didYouMean("zzz", List.of("binary")));
    }
}
