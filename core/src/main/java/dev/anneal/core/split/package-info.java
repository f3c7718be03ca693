/**
 * Train / validation / test splits of a table's data rows: {@link dev.anneal.core.split.Split} holds
 * the row indices, and {@link dev.anneal.core.split.Splitter} makes them (random, stratified, by time,
 * by group) or loads them from a JSON file. Every split that involves chance takes a seed, so a run
 * can be repeated exactly.
 */
package dev.anneal.core.split;
