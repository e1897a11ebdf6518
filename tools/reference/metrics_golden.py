#!/usr/bin/env python3
"""Golden values for MiaRepro.Metrics, from scikit-learn and SciPy (Debian's python3-sklearn, python3-scipy).

Writes src/MiaRepro.Tests/Metrics/golden/metrics_golden.json: fixed score sets (seeded random, heavy ties, all-equal,
perfectly separated, reversed polarity, hand-made) with sklearn's ROC curve (drop_intermediate=False), AUC,
confusion counts and precision/recall/F1/balanced accuracy at thresholds (member iff score >= threshold), plus
Clopper-Pearson intervals (scipy.stats.beta.ppf) and the Clopper-Pearson epsilon lower bound built from them.
Reference only; never a runtime dependency of MiaRepro. Run: /usr/bin/python3 tools/reference/metrics_golden.py
"""
import math
import numpy as np
import scipy, scipy.stats
import sklearn
from sklearn.metrics import (roc_curve, roc_auc_score, confusion_matrix, accuracy_score, balanced_accuracy_score,
                             precision_score, recall_score, f1_score)

from golden_writer import write_golden

FPR_TARGETS = [0.0, 0.001, 0.01, 0.1, 0.25, 0.5, 1.0]


def score_sets():
    rng = np.random.RandomState(20240601)
    sets = []
    # Members shifted up by 0.5 sd: an attack somewhat better than chance.
    m, n = rng.normal(0.5, 1, 100), rng.normal(0, 1, 100)
    sets.append(("random-balanced", np.concatenate([m, n]), [True] * 100 + [False] * 100))
    # Few members among many non-members, interleaved: the usual MIA evaluation imbalance.
    m, n = rng.normal(1.0, 1, 30), rng.normal(0, 1, 170)
    s, y = np.concatenate([m, n]), np.array([True] * 30 + [False] * 170)
    order = rng.permutation(len(s))
    sets.append(("random-imbalanced", s[order], list(y[order])))
    # Heavy ties: 5 score levels only, members leaning high.
    y = rng.rand(120) < 0.5
    s = np.clip(np.round(rng.normal(np.where(y, 2.6, 1.4), 1.2)), 0, 4)
    sets.append(("heavy-ties", s, list(y)))
    sets.append(("all-equal", np.full(10, 0.3), [True, False] * 5))
    sets.append(("perfectly-separated", np.array([0.9, 0.8, 0.95, 0.1, 0.2, 0.05]), [True, True, True, False, False, False]))
    sets.append(("reversed-polarity", np.array([0.1, 0.2, 0.05, 0.9, 0.8, 0.95]), [True, True, True, False, False, False]))
    # sklearn's roc_curve docstring example: AUC 0.75.
    sets.append(("sklearn-docstring", np.array([0.1, 0.4, 0.35, 0.8]), [False, False, True, True]))
    # One tie across the classes at 0.5, one within members at 0.7.
    sets.append(("hand-mixed-ties", np.array([0.7, 0.7, 0.5, 0.5, 0.2, 0.9, 0.5, 0.1, 0.3]),
                 [True, True, True, False, False, False, False, False, True]))
    sets.append(("hand-negative-scores", np.array([-3.0, -1.5, -1.5, -0.25, -2.0, -4.0, -0.5]),
                 [True, True, False, True, False, False, True]))
    return sets


def threshold_row(y, s, t):
    pred = s >= t
    tn, fp, fn, tp = confusion_matrix(y, pred, labels=[False, True]).ravel()
    return {
        "threshold": float(t), "tp": int(tp), "fp": int(fp), "tn": int(tn), "fn": int(fn),
        "accuracy": accuracy_score(y, pred),
        "balancedAccuracy": balanced_accuracy_score(y, pred),
        # zero_division=0: no example predicted member -> precision 0 (and F1 0), MiaRepro's convention.
        "precision": precision_score(y, pred, zero_division=0),
        "recall": recall_score(y, pred, zero_division=0),
        "f1": f1_score(y, pred, zero_division=0),
    }


def case(name, s, y):
    s, y = np.asarray(s, dtype=float), np.asarray(y, dtype=bool)
    fpr, tpr, thr = roc_curve(y, s, drop_intermediate=False)
    # sklearn's first threshold is an artificial "above every score" (max+1 in 1.2, inf from 1.3): written as null.
    thresholds = [None] + [float(t) for t in thr[1:]]
    distinct = sorted(set(s.tolist()))
    probes = sorted(set(distinct + [min(distinct) - 1, max(distinct) + 1, float(np.median(s))]))
    rows = [threshold_row(y, s, t) for t in probes]
    best = max(rows, key=lambda r: r["balancedAccuracy"])["balancedAccuracy"]
    return {
        "name": name, "scores": s.tolist(), "isMember": y.tolist(),
        "roc": {"fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": thresholds},
        "auc": roc_auc_score(y, s),
        # Highest TPR among ROC points with FPR <= target (the LiRA convention), on sklearn's full curve.
        "tprAtFpr": [{"fpr": f, "tpr": float(tpr[fpr <= f].max())} for f in FPR_TARGETS],
        "thresholdMetrics": rows,
        # Over every distinct score and one threshold above them all: the same candidates MiaRepro searches.
        "bestBalancedAccuracy": best,
    }


def clopper_pearson(k, n, alpha):
    """Two-sided exact interval, alpha/2 per tail (statsmodels proportion_confint(method='beta') convention)."""
    lo = 0.0 if k == 0 else scipy.stats.beta.ppf(alpha / 2, k, n - k + 1)
    hi = 1.0 if k == n else scipy.stats.beta.ppf(1 - alpha / 2, k + 1, n - k)
    return float(lo), float(hi)


def epsilon(tp, fp, tn, fn, alpha, delta):
    """max(0, ln((TPR_lo - delta) / FPR_hi), ln((TNR_lo - delta) / FNR_hi)), each bound from the two-sided
    Clopper-Pearson interval at level 1 - alpha (TF Privacy's RatioBound CLOPPER_PEARSON, with Jagielski et al.'s delta)."""
    p, n = tp + fn, fp + tn
    tpr_lo, _ = clopper_pearson(tp, p, alpha)
    _, fpr_hi = clopper_pearson(fp, n, alpha)
    tnr_lo, _ = clopper_pearson(tn, n, alpha)
    _, fnr_hi = clopper_pearson(fn, p, alpha)
    terms = [0.0]
    if tpr_lo - delta > 0: terms.append(math.log((tpr_lo - delta) / fpr_hi))
    if tnr_lo - delta > 0: terms.append(math.log((tnr_lo - delta) / fnr_hi))
    return max(terms)


def main():
    cp = [{"k": k, "n": n, "alpha": a, "lower": lo, "upper": hi}
          for k, n, a in [(0, 10, 0.05), (10, 10, 0.05), (3, 10, 0.05), (1, 1, 0.05), (0, 1, 0.05), (5, 10, 0.01),
                          (0, 500, 0.01), (500, 500, 0.01), (1, 500, 0.01), (250, 500, 0.05), (37, 1000, 0.1),
                          (9990, 10000, 0.05), (12, 50000, 0.05)]
          for lo, hi in [clopper_pearson(k, n, a)]]
    eps = [{"tp": tp, "fp": fp, "tn": tn, "fn": fn, "alpha": a, "delta": d, "epsilon": epsilon(tp, fp, tn, fn, a, d)}
           for tp, fp, tn, fn, a, d in [(500, 0, 500, 0, 0.01, 0.0), (500, 0, 500, 0, 0.05, 0.0),
                                        (473, 755, 950, 511, 0.05, 0.0), (1000, 10, 10000, 10, 0.05, 0.0),
                                        (900, 600, 600, 100, 0.05, 0.0), (90, 5, 95, 10, 0.05, 1e-5),
                                        (50, 50, 50, 50, 0.05, 0.0), (10, 0, 1000, 990, 0.05, 0.0),
                                        (400, 20, 480, 100, 0.05, 0.1)]]
    doc = {
        "generator": "tools/reference/metrics_golden.py",
        "sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__,
        "cases": [case(*c) for c in score_sets()],
        "clopperPearson": cp,
        "epsilon": eps,
    }
    write_golden("Metrics/golden/metrics_golden.json", doc, by_case=True)


if __name__ == "__main__":
    main()
