"""Times pandas.read_csv on one file for scripts/bench-csv: one warm-up, then best of N.

Prints "rows columns seconds". keep_default_na=False with na_values=[""] gives pandas the same
missing-value rule as anneal (empty field only).
"""
import sys
import time

import pandas as pd


def main() -> None:
    path, repeats = sys.argv[1], int(sys.argv[2])
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    best = float("inf")
    for _ in range(repeats):
        del frame
        start = time.perf_counter()
        frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
        best = min(best, time.perf_counter() - start)
    print(f"{frame.shape[0]} {frame.shape[1]} {best:.3f}")


if __name__ == "__main__":
    main()
