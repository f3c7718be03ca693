/** Writing anneal's own files: one JSON mapper, atomic writes. */
package dev.anneal.core.io;
