#!/usr/bin/env python3
"""scikit-learn side of `miarepro bench svm`: fit times of SVC(kernel='rbf') and of a 5-fold GridSearchCV on the very
rows the C# side timed RbfSvm / SvmGridSearch on. The C# side writes them to --data (manifest.json plus, per dataset,
<name>.x.f64: row-major little-endian float64, <name>.y.i32: int32 labels); this prints one JSON line. Reference only
(Debian's python3-sklearn); never a runtime dependency of MiaRepro. libsvm is single-threaded; GridSearchCV runs with
n_jobs=None (one fit at a time)."""
import argparse
import json
import os
import time

import numpy as np
import sklearn
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.svm import SVC


def load(folder, entry):
    x = np.fromfile(os.path.join(folder, entry["name"] + ".x.f64"), dtype="<f8").reshape(entry["rows"], entry["features"])
    y = np.fromfile(os.path.join(folder, entry["name"] + ".y.i32"), dtype="<i4")
    return x, y


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    a = ap.parse_args()
    with open(os.path.join(a.data, "manifest.json")) as f:
        manifest = json.load(f)
    results = {}
    for entry in manifest["fits"]:
        x, y = load(a.data, entry)
        times = []
        for _ in range(manifest["repeats"]):
            start = time.perf_counter()
            svc = SVC(kernel="rbf", C=manifest["c"], gamma=manifest["gamma"]).fit(x, y)
            times.append(time.perf_counter() - start)
        results[entry["name"]] = {"ms": 1000 * min(times), "support_count": int(svc.n_support_.sum()),
                                  "train_accuracy": float(svc.score(x, y))}
    grid = manifest["grid"]
    x, y = load(a.data, grid)
    start = time.perf_counter()
    search = GridSearchCV(SVC(kernel="rbf"), {"C": grid["c"], "gamma": grid["gamma"]}, cv=StratifiedKFold(5)).fit(x, y)
    results[grid["name"]] = {"ms": 1000 * (time.perf_counter() - start), "best_c": search.best_params_["C"],
                             "best_gamma": search.best_params_["gamma"], "best_mean": float(search.best_score_)}
    print(json.dumps({"sklearn": sklearn.__version__, "results": results}))


if __name__ == "__main__":
    main()
