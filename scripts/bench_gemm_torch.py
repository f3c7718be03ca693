#!/usr/bin/python3
"""The PyTorch side of scripts/bench-gemm: the same kernels as GemmBench.java, median microseconds
per call over five rounds of 1,000 calls. Usage: bench_gemm_torch.py THREADS"""
import sys
import time

import torch

torch.set_num_threads(int(sys.argv[1]))
torch.manual_seed(42)
x = torch.randn(512, 256)
weight = torch.randn(256, 256)
bias = torch.randn(256)
gradient = torch.randn(512, 256)
kernels = [
    ("linear 512x256 . 256x256^T + b", lambda: torch.nn.functional.linear(x, weight, bias)),
    ("grad weight 256x512 . 512x256", lambda: gradient.t().mm(x)),
    ("grad input 512x256 . 256x256", lambda: gradient.mm(weight)),
    ("relu 512x256", lambda: torch.relu(x)),
    ("add 512x256", lambda: x.add(gradient)),
]
for name, kernel in kernels:
    rounds = []
    for r in range(6):
        started = time.perf_counter()
        for _ in range(1000):
            kernel()
        if r > 0:
            rounds.append((time.perf_counter() - started) / 1000 * 1e6)
    rounds.sort()
    print(f"{name}\t{rounds[len(rounds) // 2]:.1f}")
