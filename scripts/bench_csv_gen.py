"""Writes the benchmark CSV for scripts/bench-csv: deterministic (seeded), N rows x 20 columns.

14 float columns (7 rounded to 4 decimals, 7 at full double precision), 3 integer columns and
3 low-cardinality string columns; about 1 % of the floats are missing (empty field).
"""
import sys

import numpy as np
import pandas as pd


def main() -> None:
    path, rows, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = np.random.default_rng(seed)
    data = {}
    for i in range(14):
        values = rng.normal(loc=i * 10.0, scale=1.0 + i, size=rows)
        if i < 7:
            values = np.round(values, 4)
        values[rng.random(rows) < 0.01] = np.nan
        data[f"f{i}"] = values
    data["i0"] = rng.integers(0, 100, size=rows)
    data["i1"] = rng.integers(-1_000_000, 1_000_000, size=rows)
    data["i2"] = np.arange(rows)
    levels = [np.array(["red", "green", "blue"]),
              np.array([f"state_{k:02d}" for k in range(50)]),
              np.array(["yes", "no", "None"])]
    for i, lv in enumerate(levels):
        data[f"s{i}"] = lv[rng.integers(0, len(lv), size=rows)]
    pd.DataFrame(data).to_csv(path, index=False)


if __name__ == "__main__":
    main()
