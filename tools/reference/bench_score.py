#!/usr/bin/env python3
"""`miarepro score` against a numpy LiRA on the same set: writes a synthetic many-model set (32 models x 10,000
examples x 2 queries x 10 classes, balanced keep mask, members +1 on the true-class logit over a per-example shift of
N(0, 3^2)), times one numpy LiRA online (per-example sigma, every target leave-one-model-out, M/2 - 1 references a
side) and then the CLI's whole `score` (12 attacks, their reports and measurements.csv, process start included), and
writes results/bench/score.json. Reference only (Debian's python3-numpy/scipy); run from the repository root after
`dotnet build src/MiaRepro.Cli`:  /usr/bin/python3 tools/reference/bench_score.py [--cli DLL] [--label TEXT]"""
import argparse
import json
import os
import platform
import subprocess
import tempfile
import time

import numpy as np
from scipy.stats import norm

M, N, A, C = 32, 10000, 2, 10


def write_set(out):
    rng = np.random.default_rng(0)
    keep = np.zeros((M, N), dtype=bool)
    for n in range(N):
        keep[rng.permutation(M)[: M // 2], n] = True
    labels = rng.integers(0, C, size=N)
    logits = rng.normal(0, 1, size=(M, N, A, C)).astype(np.float32)
    shift = rng.normal(0, 3, size=N)
    logits[np.arange(M)[:, None], np.arange(N)[None, :], :, labels[None, :]] += (shift[None, :] + 1.0 * keep)[..., None]
    np.save(f"{out}/keep.npy", keep)
    np.save(f"{out}/logits.npy", logits)
    np.save(f"{out}/labels.npy", labels.astype(np.int64))
    return keep, logits, labels


def numpy_lira_online(keep, logits, labels):
    z = logits.astype(np.float64)
    zy = np.take_along_axis(z, labels[None, :, None, None].repeat(M, 0).repeat(A, 2), 3)[..., 0]
    others = z.copy()
    np.put_along_axis(others, labels[None, :, None, None].repeat(M, 0).repeat(A, 2), -np.inf, 3)
    m = others.max(3, keepdims=True)
    phi = zy - (m[..., 0] + np.log(np.exp(others - m).sum(3)))
    side = M // 2 - 1
    scores = np.empty((M, N))
    for t in range(M):
        refs = np.array([r for r in range(M) if r != t])
        k = keep[refs]                                              # [M-1, N]
        order_in = np.argsort(~k, axis=0, kind="stable")[:side]      # first `side` IN references per example, index order
        order_out = np.argsort(k, axis=0, kind="stable")[:side]
        vin = phi[refs][order_in, np.arange(N)[None, :], :]          # [side, N, A]
        vout = phi[refs][order_out, np.arange(N)[None, :], :]
        s = norm.logpdf(phi[t], vin.mean(0), vin.std(0) + 1e-30) - norm.logpdf(phi[t], vout.mean(0), vout.std(0) + 1e-30)
        scores[t] = s.sum(1)
    return scores


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default="src/MiaRepro.Cli/bin/Debug/net10.0/MiaRepro.Cli.dll")
    ap.add_argument("--label", default="")
    ap.add_argument("--out", default="results/bench/score.json")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        keep, logits, labels = write_set(d)
        start = time.perf_counter()
        numpy_lira_online(keep, logits, labels)
        numpy_s = time.perf_counter() - start
        runs, tables = [], []
        for _ in range(2):
            start = time.perf_counter()
            out = subprocess.run(["dotnet", a.cli, "score", "--outputs", d, "--to", os.path.join(d, "out")], check=True, capture_output=True, text=True).stdout
            runs.append(time.perf_counter() - start)
            tables += [float(line.split()[2]) for line in out.splitlines() if line.startswith("table in ")]
    result = {
        "benchmark": f"miarepro score on a synthetic set of {M} models x {N} examples x {A} queries x {C} classes (balanced keep mask): "
                     "all 12 many-model attacks leave-one-model-out, their reports and measurements.csv (tableSeconds), then the figures and report.md; "
                     "scoreSeconds is the wall time of the whole process (min of 2); "
                     "beside it one numpy LiRA online (per-example sigma, every target, M/2 - 1 references a side), the reference the issue names",
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "label": a.label,
        "scoreSeconds": round(min(runs), 2),
        "tableSeconds": min(tables) if tables else None,   # reading the outputs to measurements.csv, as the CLI reports it (absent before it did)
        "numpyLiraOnlineSeconds": round(numpy_s, 2),
        "ratioMeaning": "scoreSeconds / numpyLiraOnlineSeconds: the whole 12-attack table against one numpy attack",
        "ratio": round(min(runs) / numpy_s, 2),
    }
    print(json.dumps(result, indent=2))
    # One file, one entry per label: a rerun replaces its own entry, so before and after sit side by side.
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    runs = []
    if os.path.exists(a.out):
        with open(a.out) as f:
            runs = [r for r in json.load(f).get("runs", []) if r.get("label") != a.label]
    benchmark = result.pop("benchmark")
    with open(a.out + ".tmp", "w") as f:
        json.dump({"benchmark": benchmark, "runs": runs + [result]}, f, indent=2)
        f.write("\n")
    os.replace(a.out + ".tmp", a.out)


if __name__ == "__main__":
    main()
