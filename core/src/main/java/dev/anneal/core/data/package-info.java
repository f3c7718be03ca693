/**
 * Columnar in-memory data: {@link dev.anneal.core.data.Table}, its column kinds, the readers that build it
 * ({@link dev.anneal.core.data.TableReader}, {@link dev.anneal.core.data.CsvReader},
 * {@link dev.anneal.core.data.JsonlReader}) and {@link dev.anneal.core.data.TypeInference}, which chooses
 * each column's type and says why; and {@link dev.anneal.core.data.RowSource}, which streams a file's rows
 * one at a time for the commands that must not hold it whole.
 */
package dev.anneal.core.data;
