/** Progress reporting for long work. */
package dev.anneal.train.progress;
