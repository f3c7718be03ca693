#!/usr/bin/python3
"""The Python side of scripts/bench-xgboost: the reference pipeline of shared/data/README.md
(median imputation + standard scaling for numbers, most-frequent imputation + one-hot for
categories; XGBoost hist, depth 6, learning rate 0.05, early stopping 50 on validation) on a
dataset and its fixed split file. Prints one JSON line: fit seconds (XGBoost training only),
best iteration and the test metric.
Usage: bench_xgboost_python.py CSV SPLIT_JSON NTHREAD [ROUNDS [PATIENCE [mean]]] (defaults 2000, 50). Run with Debian's python3-sklearn, python3-pandas and
python3-xgboost."""
import json
import sys
import time

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, mean_squared_error, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

csv, split_file, nthread = sys.argv[1], sys.argv[2], int(sys.argv[3])
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
patience = int(sys.argv[5]) if len(sys.argv) > 5 else 50
# "mean": start regression from the training mean, as XGBoost >= 2.0 does (1.7 starts from 0.5).
base_score_mean = len(sys.argv) > 6 and sys.argv[6] == "mean"
split = json.load(open(split_file))
frame = pd.read_csv(csv, keep_default_na=False, na_values=[""])
target = split["target"]
numeric = split["feature_columns"]["numeric"]
categorical = split["feature_columns"]["categorical"]
features = ColumnTransformer([
    ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
    ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"),
                          OneHotEncoder(handle_unknown="ignore", sparse_output=False)), categorical),
])
rows = {k: np.array(split[k]) for k in ("train", "validation", "test")}
x = {k: frame.iloc[v] for k, v in rows.items()}
features.fit(x["train"])
task = split["task"]
if task == "regression":
    y = {k: x[k][target].to_numpy(dtype=float) for k in rows}
    params = {"objective": "reg:squarederror"}
else:
    classes = split["classes"]
    y = {k: x[k][target].map({c: i for i, c in enumerate(classes)}).to_numpy() for k in rows}
    params = {"objective": "binary:logistic"} if task == "binary" else {"objective": "multi:softprob",
                                                                          "num_class": len(classes)}
if base_score_mean and task == "regression":
    params["base_score"] = float(y["train"].mean())
params.update({"tree_method": "hist", "max_depth": 6, "learning_rate": 0.05, "nthread": nthread, "seed": 42})
d = {k: xgb.DMatrix(features.transform(x[k]).astype(np.float32), label=y[k]) for k in rows}
started = time.perf_counter()
booster = xgb.train(params, d["train"], num_boost_round=rounds, evals=[(d["validation"], "validation")],
                    early_stopping_rounds=patience, verbose_eval=False)
seconds = time.perf_counter() - started
p = booster.predict(d["test"], iteration_range=(0, booster.best_iteration + 1))
if task == "binary":
    metric = {"roc_auc": roc_auc_score(y["test"], p)}
elif task == "multiclass":
    metric = {"accuracy": accuracy_score(y["test"], p.argmax(axis=1))}
else:
    metric = {"rmse": mean_squared_error(y["test"], p) ** 0.5}
print(json.dumps({"seconds": seconds, "best_iteration": booster.best_iteration,
                  "rounds": booster.num_boosted_rounds(), **metric}))
