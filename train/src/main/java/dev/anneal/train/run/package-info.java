/** A training run end to end: data, split, features, candidates, winner, and the run folder. */
package dev.anneal.train.run;
