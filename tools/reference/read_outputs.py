#!/usr/bin/python3
"""Reads a MiaRepro output store with numpy alone and prints a JSON summary.

Usage: read_outputs.py <model-dir> <keep.npy>
  <model-dir> holds logits.npy [N, A, C] float32 and labels.npy [N] int64 (OutputStore.Write);
  <keep.npy> is the experiment's keep mask [M, N] bool (OutputStore.WriteKeep).
The C# test OutputsReferenceScriptTests compares this summary with the values it wrote, so the files
stay readable by the Python tools the field uses (LiRA's scripts load exactly such arrays).
"""
import hashlib
import json
import os
import sys

import numpy as np


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main(model_dir, keep_path):
    logits_path = os.path.join(model_dir, "logits.npy")
    labels_path = os.path.join(model_dir, "labels.npy")
    logits = np.load(logits_path, allow_pickle=False)
    labels = np.load(labels_path, allow_pickle=False)
    keep = np.load(keep_path, allow_pickle=False)
    values, counts = np.unique(labels, return_counts=True)
    summary = {
        "logits": {
            "shape": list(logits.shape),
            "dtype": logits.dtype.str,
            "sum": float(logits.astype(np.float64).sum()),
            "sha256": sha256(logits_path),
        },
        "labels": {
            "shape": list(labels.shape),
            "dtype": labels.dtype.str,
            "histogram": {str(int(v)): int(c) for v, c in zip(values, counts)},
            "sha256": sha256(labels_path),
        },
        "keep": {
            "shape": list(keep.shape),
            "dtype": keep.dtype.str,
            "columnSums": [int(s) for s in keep.sum(axis=0)],
        },
    }
    json.dump(summary, sys.stdout)
    print()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
