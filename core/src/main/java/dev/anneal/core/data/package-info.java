/** Columnar in-memory data: {@link dev.anneal.core.data.Table}, its column kinds, and the readers that build it. */
package dev.anneal.core.data;
