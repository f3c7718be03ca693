/**
 * Scoring predictions: {@link dev.anneal.core.metrics.Metric} names what can be measured for which
 * {@link dev.anneal.core.Task} and which direction is better; {@link dev.anneal.core.metrics.Metrics}
 * computes the values. Every formula follows scikit-learn, and golden tests generated with it keep them honest.
 */
package dev.anneal.core.metrics;
