"""Regenerates golden.json: seeded inputs and scikit-learn's metric values for MetricsGoldenTest.

Run from this directory with Debian's scikit-learn:  /usr/bin/python3 make_golden.py
Inputs are rounded to 6 decimals *before* the goldens are computed, so the JSON holds exactly what sklearn saw.
"""
import json

import numpy as np
import sklearn
from sklearn import metrics as skm

EPS = 1e-15  # anneal clips log-loss probabilities to [1e-15, 1 - 1e-15]


def best_f1_threshold(y, p):
    """Brute force over the distinct probabilities, highest first; ties keep the higher threshold."""
    best, best_t = -1.0, None
    for t in sorted(set(p.tolist()), reverse=True):
        f1 = skm.f1_score(y, (p >= t).astype(int), zero_division=0)
        if f1 > best:
            best, best_t = f1, t
    return best_t


def binary_case(name, y, p, threshold):
    p = np.round(p, 6)
    pred = (p >= threshold).astype(int)
    expected = {
        "roc_auc": skm.roc_auc_score(y, p),
        "pr_auc": skm.average_precision_score(y, p),
        "log_loss": skm.log_loss(y, p, eps=EPS, labels=[0, 1]),
        "brier": skm.brier_score_loss(y, p),
        "accuracy": skm.accuracy_score(y, pred),
        "precision": skm.precision_score(y, pred, zero_division=0),
        "recall": skm.recall_score(y, pred, zero_division=0),
        "f1": skm.f1_score(y, pred, zero_division=0),
        "threshold": threshold,
    }
    return {
        "name": name, "task": "binary", "y": y.tolist(), "p": p.tolist(), "threshold": threshold,
        "expected": {k: float(v) for k, v in expected.items()},
        "best_f1_threshold": best_f1_threshold(y, p),
    }


def multiclass_case(name, y, probs, decimals=6):
    probs = np.round(probs, decimals)
    k = probs.shape[1]
    pred = probs.argmax(axis=1)  # first maximum wins, as in anneal
    expected = {
        "accuracy": skm.accuracy_score(y, pred),
        "macro_f1": skm.f1_score(y, pred, average="macro", zero_division=0),
        "weighted_f1": skm.f1_score(y, pred, average="weighted", zero_division=0),
        "log_loss": skm.log_loss(y, probs, eps=EPS, labels=list(range(k))),
    }
    return {
        "name": name, "task": "multiclass", "k": k, "y": y.tolist(), "probs": probs.ravel().tolist(),
        "expected": {k: float(v) for k, v in expected.items()},
    }


def regression_case(name, y, prediction):
    y, prediction = np.round(y, 6), np.round(prediction, 6)
    expected = {
        "rmse": skm.mean_squared_error(y, prediction, squared=False),
        "mae": skm.mean_absolute_error(y, prediction),
        "r2": skm.r2_score(y, prediction),
        "mape": skm.mean_absolute_percentage_error(y, prediction),
    }
    return {
        "name": name, "task": "regression", "y": y.tolist(), "prediction": prediction.tolist(),
        "expected": {k: float(v) for k, v in expected.items()},
    }


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def main():
    cases = []

    # Scores rounded to 2 decimals: many ties within and across the classes.
    rng = np.random.default_rng(11)
    y = rng.integers(0, 2, 200)
    p = np.clip(0.5 + 0.25 * (y - 0.5) + rng.normal(0, 0.25, 200), 0, 1).round(2)
    cases.append(binary_case("binary_ties", y, p, 0.5))

    # About 3% positives; some exact 0s and 1s exercise log-loss clipping.
    rng = np.random.default_rng(12)
    y = (rng.random(300) < 0.03).astype(int)
    y[:2] = 1
    p = rng.beta(1 + 3 * y, 8 - 4 * y)
    p[[5, 17, 40]] = 0.0
    p[[2, 60]] = 1.0
    cases.append(binary_case("binary_imbalanced", y, p, 0.3))

    # Few distinct scores and a threshold no row reaches: precision divides by zero.
    rng = np.random.default_rng(13)
    y = rng.integers(0, 2, 60)
    p = rng.choice([0.1, 0.2, 0.35, 0.6], 60)
    cases.append(binary_case("binary_coarse_high_threshold", y, p, 0.9))

    rng = np.random.default_rng(21)
    y = rng.integers(0, 3, 150)
    z = rng.normal(0, 1, (150, 3))
    z[np.arange(150), y] += 1.0
    cases.append(multiclass_case("multiclass_k3", y, softmax(z)))

    # Class 5 never occurs and is rarely the argmax; 1-decimal probabilities tie for the max and do not sum
    # to 1, so the first-max rule and log-loss renormalisation both matter.
    rng = np.random.default_rng(22)
    y = rng.integers(0, 5, 240)
    z = rng.normal(0, 1, (240, 6))
    z[np.arange(240), y] += 1.5
    z[:, 5] -= 2.0
    cases.append(multiclass_case("multiclass_k6", y, softmax(z), decimals=1))

    # Includes zeros in y, where MAPE divides by machine epsilon.
    rng = np.random.default_rng(31)
    y = rng.normal(10, 5, 200)
    y[[3, 50, 120]] = 0.0
    cases.append(regression_case("regression", y, y + rng.normal(0, 2, 200)))

    rng = np.random.default_rng(32)
    y = rng.gamma(2.0, 3.0, 80)
    cases.append(regression_case("regression_no_zeros", y, 0.8 * y + rng.normal(1, 1, 80)))

    out = {
        "generator": "make_golden.py",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "cases": cases,
    }
    with open("golden.json", "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
