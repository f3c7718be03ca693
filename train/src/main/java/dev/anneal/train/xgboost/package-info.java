/** The {@code xgboost} model family: gradient-boosted trees with early stopping on validation. */
package dev.anneal.train.xgboost;
