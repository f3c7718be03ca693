"""Times pandas.read_csv on one file for scripts/bench-csv: one warm-up, then best of N.

Prints "rows columns seconds cpu_seconds" (wall time and process CPU time of the best reads). keep_default_na=False with na_values=[""] gives pandas the same
missing-value rule as anneal (empty field only).
"""
import sys
import time

import pandas as pd


def main() -> None:
    path, repeats = sys.argv[1], int(sys.argv[2])
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    best = best_cpu = float("inf")
    for _ in range(repeats):
        del frame
        cpu = time.process_time()
        start = time.perf_counter()
        frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    print(f"{frame.shape[0]} {frame.shape[1]} {best:.3f} {best_cpu:.3f}")


if __name__ == "__main__":
    main()
