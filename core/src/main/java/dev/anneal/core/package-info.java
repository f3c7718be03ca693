/** The parts of anneal that training and serving share: config, data, features, splits, metrics. */
package dev.anneal.core;
