#!/usr/bin/python3
"""Driver of scripts/bench-reference: anneal against the reference pipeline on the shared datasets.

For each dataset it trains anneal's linear and XGBoost candidates on the fixed split file (test
metrics against the reference figures of shared/data/README.md), then times XGBoost on both sides,
best of REPEATS runs each: once with early stopping as configured (the rounds may differ, since
XGBoost versions differ) and once with a fixed number of rounds (the same work on both sides)."""
import json
import os
import subprocess
import sys
import tempfile

root, shared, threads, repeats = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
FIXED_ROUNDS = 500
DATASETS = [  # name, target, task, metric, reference linear, reference XGBoost
    ("mlc_churn", "churn", "binary", "roc_auc", 0.8235, 0.9428),
    ("satellite", "classes", "multiclass", "accuracy", 0.8644, 0.9234),
    ("ames", "Sale_Price", "regression", "rmse", 30919, 24615),
]
work = tempfile.mkdtemp(prefix="anneal-bench-")
env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE")


def config(name, target, task, metric, models):
    path = os.path.join(work, f"{name}-{abs(hash(models))}.yaml")
    with open(path, "w") as f:
        f.write(f"""schemaVersion: 1
name: {name}
data: {{path: {shared}/data/{name}.csv}}
target: {target}
task: {task}
split: {{method: file, file: {shared}/data/splits/{name}.json}}
metric: {metric}
models:
{models}""")
    return path


def anneal(path):
    out = tempfile.mkdtemp(dir=work)
    os.rmdir(out)
    subprocess.run([f"{root}/scripts/anneal", "train", path, "--out", out, "--threads", threads, "--no-progress"],
                   check=True, env=env, capture_output=True)
    return {e["name"]: e for e in json.load(open(os.path.join(out, "leaderboard.json")))}


def python(name, rounds, patience):
    result = subprocess.run(["/usr/bin/python3", f"{root}/scripts/bench_xgboost_python.py",
                             f"{shared}/data/{name}.csv", f"{shared}/data/splits/{name}.json", threads,
                             str(rounds), str(patience)], check=True, env=env, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def xgb_models(rounds, patience):
    return (f"  - {{name: xgboost, type: xgboost, params: {{max_depth: 6, learning_rate: 0.05,"
            f" n_estimators: {rounds}, early_stopping_rounds: {patience}}}}}\n")


quality, timing = [], []
for name, target, task, metric, ref_linear, ref_xgb in DATASETS:
    board = anneal(config(name, target, task, metric, "  - {name: linear, type: linear}\n" + xgb_models(2000, 50)))
    py = python(name, 2000, 50)
    quality.append((name, metric, ref_linear, board["linear"]["test"][metric], ref_xgb,
                    board["xgboost"]["test"][metric], py[metric]))
    for label, rounds, patience in (("early stop", 2000, 50), (f"fixed {FIXED_ROUNDS}", FIXED_ROUNDS, FIXED_ROUNDS)):
        path = config(name, target, task, metric, xgb_models(rounds, patience))
        ours = min((anneal(path)["xgboost"] for _ in range(repeats)), key=lambda e: e["train_seconds"])
        theirs = min((python(name, rounds, patience) for _ in range(repeats)), key=lambda r: r["seconds"])
        timing.append((name, label, ours["params"]["rounds_trained"], theirs["rounds"],
                       ours["train_seconds"], theirs["seconds"]))

fmt = lambda metric, v: f"{v:.0f}" if metric == "rmse" else f"{v:.4f}"
print("Test metric on the fixed split (reference figures from shared/data/README.md)")
print(f"{'dataset':<10} {'metric':<9} {'ref linear':>10} {'anneal':>10} {'ref xgb':>10} {'anneal':>10} {'py 1.7.4':>10}")
for name, metric, rl, al, rx, ax, px in quality:
    print(f"{name:<10} {metric:<9} {fmt(metric, rl):>10} {fmt(metric, al):>10} {fmt(metric, rx):>10} "
          f"{fmt(metric, ax):>10} {fmt(metric, px):>10}")
version = subprocess.run(["/usr/bin/python3", "-c", "import xgboost; print(xgboost.__version__)"],
                         capture_output=True, text=True).stdout.strip()
print(f"\nXGBoost training seconds, best of {repeats}: anneal (xgboost4j 3.4.0) vs Python (xgboost {version},"
      f" xgb.train), nthread={threads}, {os.cpu_count()} cores")
print(f"{'dataset':<10} {'run':<11} {'rounds':>7} {'py rounds':>9} {'anneal s':>9} {'python s':>9} {'ratio':>6}"
      f" {'anneal ms/round':>16} {'python ms/round':>16}")
for name, label, ours_n, py_n, ours_s, py_s in timing:
    print(f"{name:<10} {label:<11} {ours_n:>7} {py_n:>9} {ours_s:>9.2f} {py_s:>9.2f} {ours_s / py_s:>6.2f}"
          f" {1000 * ours_s / ours_n:>16.2f} {1000 * py_s / py_n:>16.2f}")
