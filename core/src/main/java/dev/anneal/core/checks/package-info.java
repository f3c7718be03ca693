/**
 * Data checks: rules a data file must meet (a column present, of a type, in a range, among known
 * categories, seldom missing), as written in a config's {@code checks:} list or a data profile's
 * {@code "checks"} array, and their evaluation over a file's rows in one streaming pass. {@code anneal
 * validate} and {@code anneal train} both run them through {@link dev.anneal.core.checks.CheckRunner}.
 */
package dev.anneal.core.checks;
