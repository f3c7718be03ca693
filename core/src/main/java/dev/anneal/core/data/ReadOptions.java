package dev.anneal.core.data;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the readers turn text into columns.
 *
 * <p>An empty field is always missing. {@code naValues} adds further tokens that mean missing (such as
 * {@code "NA"}); they match the whole field exactly, case-sensitively. Nothing else is missing by default:
 * a literal {@code None} or {@code NA} is a real label in some data sets.
 *
 * <p>{@code declaredTypes} are the column types declared in the config. A column declared
 * {@link ColumnType#CATEGORY}, {@link ColumnType#TEXT}, {@link ColumnType#ID} or {@link ColumnType#DATE}
 * is never parsed as a number, so {@code "007"} stays {@code "007"}; a column declared
 * {@link ColumnType#NUMERIC} must parse as numbers or the read fails; a column declared
 * {@link ColumnType#IGNORE} is left out of the table. Declared names that the file lacks are ignored here:
 * the same options serve files with and without the target column.
 *
 * @param naValues tokens read as missing, besides the empty field
 * @param declaredTypes column name to declared type
 */
public record ReadOptions(Set<String> naValues, Map<String, ColumnType> declaredTypes) {

    public ReadOptions {
        naValues = Set.copyOf(Objects.requireNonNull(naValues, "naValues"));
        declaredTypes = Map.copyOf(Objects.requireNonNull(declaredTypes, "declaredTypes"));
    }

    /** Only empty fields are missing; nothing is declared. */
    public static ReadOptions defaults() {
        return new ReadOptions(Set.of(), Map.of());
    }

    /** These options with {@code tokens} as the extra missing-value tokens. */
    public ReadOptions withNaValues(Set<String> tokens) {
        return new ReadOptions(tokens, declaredTypes);
    }

    /** These options with {@code types} as the declared column types. */
    public ReadOptions withDeclaredTypes(Map<String, ColumnType> types) {
        return new ReadOptions(naValues, types);
    }

    /** The declared type of {@code column}, or {@code null} when it is not declared. */
    public ColumnType declaredType(String column) {
        return declaredTypes.get(column);
    }
}
