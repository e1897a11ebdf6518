#!/usr/bin/env python3
"""Golden values for MiaRepro's RBF-kernel SVM attack model (RbfSvm, SvmGridSearch), written to
src/MiaRepro.Tests/Attacks/golden/svm_golden.json. Reference only (Debian's python3-sklearn 1.2, python3-numpy); never
a runtime dependency of MiaRepro. Rerun with /usr/bin/python3 after a deliberate change and commit the JSON with it.

Datasets are shaped like shadow-model attack data (label 1 = member, 0 = non-member), seeded; the JSON holds the rows
(Python's float repr round-trips exactly), so the C# tests read them from it and never regenerate them:
  posteriors-separable  sorted softmax posteriors of 10 classes; members' logits have a larger spread (peaked
                        posteriors), non-members' a smaller one (flatter): an easy attack
  posteriors-overlap    the same with close spreads and 700 members vs 500 non-members: overlapping, unbalanced
  loss-entropy          3 unscaled features (cross-entropy loss, entropy, top-1 minus top-2 probability), loss up to
                        ~8, so gamma matters

What comes from where (sklearn.svm.SVC(kernel='rbf', C, gamma), defaults otherwise: tol 1e-3, shrinking on):
  fits       per (C, gamma): train and test accuracy, decision_function on the test rows (positive = class 1),
             n_support_ (per class [0, 1]) and their sum, intercept_
  grid       GridSearchCV(SVC(), {C: [0.1, 1, 10], gamma: [0.001, 0.01, 0.1]}, cv=StratifiedKFold(5)) on the train
             rows: mean/std test accuracy per grid point in ParameterGrid order (C-major), best_params_, the
             refitted model's test accuracy, and the fold index of every train row (StratifiedKFold without shuffle)
"""
import json
import os

import numpy as np
import sklearn
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.svm import SVC

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "MiaRepro.Tests", "Attacks", "golden", "svm_golden.json")
GRID = {"C": [0.1, 1.0, 10.0], "gamma": [0.001, 0.01, 0.1]}
FITS = [(1.0, 0.1), (10.0, 0.01), (0.1, 0.001), (100.0, 1.0)]


def softmax_sorted(logits):
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    return -np.sort(-p, axis=1)


def posteriors(rng, members, non_members, member_spread, non_member_spread):
    x = np.vstack([softmax_sorted(rng.normal(0.0, member_spread, (members, 10))),
                   softmax_sorted(rng.normal(0.0, non_member_spread, (non_members, 10)))])
    y = np.concatenate([np.ones(members, dtype=int), np.zeros(non_members, dtype=int)])
    return x, y


def loss_entropy(rng, members, non_members):
    def rows(n, spread, shift):
        logits = rng.normal(0.0, spread, (n, 10))
        logits[:, 0] += shift  # class 0 is the true class
        z = logits - logits.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        loss = -np.log(np.clip(p[:, 0], 1e-300, None))
        entropy = -(p * np.log(np.clip(p, 1e-300, None))).sum(axis=1)
        top = -np.sort(-p, axis=1)
        return np.column_stack([loss, entropy, top[:, 0] - top[:, 1]])
    x = np.vstack([rows(members, 2.0, 2.5), rows(non_members, 2.0, 1.0)])
    y = np.concatenate([np.ones(members, dtype=int), np.zeros(non_members, dtype=int)])
    return x, y


def shuffled_split(rng, x, y, test):
    order = rng.permutation(len(y))
    x, y = x[order], y[order]
    return x[test:], y[test:], x[:test], y[:test]


def datasets():
    rng = np.random.default_rng(20240611)
    yield "posteriors-separable", shuffled_split(rng, *posteriors(rng, 750, 750, 4.0, 1.5), 500)
    yield "posteriors-overlap", shuffled_split(rng, *posteriors(rng, 1050, 750, 3.0, 2.2), 600)
    yield "loss-entropy", shuffled_split(rng, *loss_entropy(rng, 450, 450), 300)


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def main():
    cases = []
    for name, (x_train, y_train, x_test, y_test) in datasets():
        fits = []
        for c, gamma in FITS:
            svc = SVC(kernel="rbf", C=c, gamma=gamma).fit(x_train, y_train)
            fits.append({
                "c": c, "gamma": gamma,
                "train_accuracy": float(svc.score(x_train, y_train)),
                "test_accuracy": float(svc.score(x_test, y_test)),
                "decision_test": floats(svc.decision_function(x_test)),
                "n_support": [int(v) for v in svc.n_support_],
                "support_count": int(svc.n_support_.sum()),
                "intercept": float(svc.intercept_[0]),
            })
        folds = StratifiedKFold(5)
        fold_of = np.empty(len(y_train), dtype=int)
        for k, (_, test_rows) in enumerate(folds.split(x_train, y_train)):
            fold_of[test_rows] = k
        search = GridSearchCV(SVC(kernel="rbf"), GRID, cv=folds).fit(x_train, y_train)
        grid = {
            "points": [{"c": p["C"], "gamma": p["gamma"], "mean": float(m), "std": float(s)}
                       for p, m, s in zip(search.cv_results_["params"], search.cv_results_["mean_test_score"],
                                          search.cv_results_["std_test_score"])],
            "best_c": search.best_params_["C"], "best_gamma": search.best_params_["gamma"],
            "best_mean": float(search.best_score_),
            "refit_test_accuracy": float(search.score(x_test, y_test)),
            "fold_of_train_row": [int(v) for v in fold_of],
        }
        cases.append({
            "name": name,
            "x_train": [floats(r) for r in x_train], "y_train": [int(v) for v in y_train],
            "x_test": [floats(r) for r in x_test], "y_test": [int(v) for v in y_test],
            "fits": fits, "grid": grid,
        })
        print(name, [(f["c"], f["gamma"], f["test_accuracy"], f["support_count"]) for f in fits],
              "best", grid["best_c"], grid["best_gamma"], round(grid["best_mean"], 4))
    with open(OUT, "w") as f:
        json.dump({"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases}, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
