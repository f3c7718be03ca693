/**
 * Linear models fitted by plain-Java numerics: L2-penalised logistic regression (binary and
 * multinomial), ridge regression, the L-BFGS minimiser they use, and the immutable
 * {@link dev.anneal.train.linear.LinearModel} they produce.
 *
 * <p>Objectives are means over rows plus {@code (l2/2)*||W||^2}, intercepts unpenalised, so
 * {@code l2} means the same thing whatever the number of rows.
 */
package dev.anneal.train.linear;
