#!/usr/bin/env python3
"""Regenerates golden.json: scikit-learn fits that LogisticRegressionTest and RidgeRegressionTest must match.

Run from this directory with Debian's python3-sklearn:  /usr/bin/python3 make_golden.py

Inputs are written rounded to 6 decimals. The Java side reads them into float[] (float32), so the
fits here use the same float32 values widened to float64; otherwise the golden coefficients would
differ from ours by the float rounding alone.

Regularisation mapping to anneal's mean-loss objectives (n rows):
  LogisticRegression(C):  C*sum(loss) + 0.5*||W||^2   ->  l2 = 1 / (C * n)
  Ridge(alpha):           ||y - Xw - b||^2 + alpha*||w||^2  ->  l2 = alpha / n

For the multinomial fit the intercepts are only defined up to a common shift (softmax is shift
invariant and they are not penalised); anneal centres them to sum to zero, so the golden ones are
centred too. Probabilities do not change.
"""
import json

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression, Ridge

ROWS, COLS = 200, 5


def features(rng):
    x = rng.normal(size=(ROWS, COLS))
    x[:, 1] = 3.0 * x[:, 1] + 2.0  # one column off-centre and wider, so the intercept matters
    x = np.round(x, 6)
    return x, x.astype(np.float32).astype(np.float64)


def logistic_gradient(x, y, num_classes, coef, intercept, l2):
    """Largest absolute entry of the gradient of anneal's objective (mean log loss + l2/2 ||W||^2)."""
    z = x @ coef.T + intercept
    if num_classes == 2:
        residual = 1.0 / (1.0 + np.exp(-z)) - y[:, None]
    else:
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        residual = p / p.sum(axis=1, keepdims=True) - np.eye(num_classes)[y]
    grad_w = residual.T @ x / len(y) + l2 * coef
    grad_b = residual.mean(axis=0)
    return float(max(np.abs(grad_w).max(), np.abs(grad_b).max()))


def logistic_case(name, seed, num_classes, c):
    rng = np.random.default_rng(seed)
    x_text, x = features(rng)
    true_w = rng.normal(size=(num_classes, COLS))
    logits = x @ true_w.T + rng.normal(scale=0.5, size=(ROWS, num_classes))
    y = np.argmax(logits, axis=1) if num_classes > 2 else (logits[:, 0] > 0.3).astype(int)
    kwargs = {"multi_class": "multinomial"} if num_classes > 2 else {}
    # newton-cg, not lbfgs: sklearn's lbfgs stops on a relative objective change of 64 eps and
    # leaves a gradient of ~1e-6, too loose a reference for a 1e-4 coefficient check. newton-cg
    # stops on the gradient itself (sum scale, so mean scale is tol / n); 1e-10 is below what it
    # can reach in floating point and only ends at max_iter.
    model = LogisticRegression(C=c, tol=1e-8, max_iter=10000, solver="newton-cg", **kwargs).fit(x, y)
    coef = model.coef_.copy()
    intercept = model.intercept_.copy()
    if num_classes > 2:
        intercept -= intercept.mean()
    gradient = logistic_gradient(x, y, num_classes, coef, intercept, 1.0 / (c * ROWS))
    assert gradient < 1e-9, f"{name}: sklearn left a gradient of {gradient}"
    proba = model.predict_proba(x)
    proba = proba[:, 1] if num_classes == 2 else proba.reshape(-1)
    return {
        "name": name, "kind": "logistic", "numClasses": num_classes, "rows": ROWS, "cols": COLS,
        "C": c, "l2": 1.0 / (c * ROWS),
        "x": x_text.reshape(-1).tolist(), "y": y.tolist(),
        "coef": coef.tolist(), "intercept": intercept.tolist(), "proba": proba.tolist(),
        "gradientInfNorm": gradient,
    }


def ridge_case(name, seed, alpha):
    rng = np.random.default_rng(seed)
    x_text, x = features(rng)
    y = np.round(x @ rng.normal(size=COLS) + 1.5 + rng.normal(scale=0.3, size=ROWS), 6)
    model = Ridge(alpha=alpha, solver="cholesky").fit(x, y)
    return {
        "name": name, "kind": "ridge", "numClasses": 0, "rows": ROWS, "cols": COLS,
        "alpha": alpha, "l2": alpha / ROWS,
        "x": x_text.reshape(-1).tolist(), "y": y.tolist(),
        "coef": [model.coef_.tolist()], "intercept": [float(model.intercept_)],
        "prediction": model.predict(x).tolist(),
    }


def main():
    cases = [
        logistic_case("binary", 11, 2, 0.5),
        logistic_case("binary_weak_penalty", 12, 2, 100.0),
        logistic_case("multinomial", 13, 3, 1.0),
        ridge_case("ridge", 14, 2.0),
    ]
    with open("golden.json", "w") as f:
        json.dump({"sklearn": sklearn.__version__, "cases": cases}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
