#!/usr/bin/env python3
"""Golden values for LiRA as Carlini et al.'s plot.py scores it, on lira_reference.py's set.

plot.py (tensorflow/privacy research/mi_lira_2021) fits on the first M - 1 models and scores the last (do_plot with
ntest = 1): generate_ours / generate_ours_offline cut every example's IN (OUT) values to the smallest count over all
examples (x[:in_size]), centre them on np.median, take np.std per example or, with fix_variance, np.std of all IN values
(online: for OUT too; offline: np.std of all OUT values), and score with scipy.stats.norm.logpdf, averaged over
queries; the ROC is roc_curve(answers, -prediction) and the TPR at 0.1 % FPR is tpr[np.where(fpr < .001)[0][-1]].
The functions below restate that code with numpy (plot.py itself needs matplotlib and its folders); the C# side
(LiraOptions.PlotPy, RocCurve.TprBelowFpr) must equal them. Writes src/MiaRepro.Tests/Attacks/golden/plotpy_golden.json.
Run: /usr/bin/python3 tools/reference/plotpy_reference.py
"""

import numpy as np
import scipy.stats
from sklearn.metrics import roc_curve

from golden_writer import write_golden
from lira_reference import make_set, phi_and_logp


def generate_ours(keep, scores, check_keep, check_scores, fix_variance=False):
    dat_in = [scores[keep[:, j], j, :] for j in range(scores.shape[1])]
    dat_out = [scores[~keep[:, j], j, :] for j in range(scores.shape[1])]
    in_size = min(map(len, dat_in))
    out_size = min(map(len, dat_out))
    dat_in = np.array([x[:in_size] for x in dat_in])
    dat_out = np.array([x[:out_size] for x in dat_out])
    mean_in = np.median(dat_in, 1)
    mean_out = np.median(dat_out, 1)
    if fix_variance:
        std_in = np.std(dat_in)
        std_out = np.std(dat_in)
    else:
        std_in = np.std(dat_in, 1)
        std_out = np.std(dat_out, 1)
    prediction, answers = [], []
    for ans, sc in zip(check_keep, check_scores):
        pr_in = -scipy.stats.norm.logpdf(sc, mean_in, std_in + 1e-30)
        pr_out = -scipy.stats.norm.logpdf(sc, mean_out, std_out + 1e-30)
        prediction.extend((pr_in - pr_out).mean(1))
        answers.extend(ans)
    return prediction, answers


def generate_ours_offline(keep, scores, check_keep, check_scores, fix_variance=False):
    dat_out = [scores[~keep[:, j], j, :] for j in range(scores.shape[1])]
    out_size = min(map(len, dat_out))
    dat_out = np.array([x[:out_size] for x in dat_out])
    mean_out = np.median(dat_out, 1)
    std_out = np.std(dat_out) if fix_variance else np.std(dat_out, 1)
    prediction, answers = [], []
    for ans, sc in zip(check_keep, check_scores):
        prediction.extend(scipy.stats.norm.logpdf(sc, mean_out, std_out + 1e-30).mean(1))
        answers.extend(ans)
    return prediction, answers


def main():
    keep, logits, labels = make_set()
    phi, _ = phi_and_logp(logits, labels)
    ref_keep, ref_phi, check_keep, check_phi = keep[:-1], phi[:-1], keep[-1:], phi[-1:]
    out = {"target": int(keep.shape[0] - 1), "augmentations": int(phi.shape[2])}
    for name, fn, fix in [("online", generate_ours, False), ("online_fixed_variance", generate_ours, True),
                          ("offline", generate_ours_offline, False), ("offline_fixed_variance", generate_ours_offline, True)]:
        prediction, answers = fn(ref_keep, ref_phi, check_keep, check_phi, fix_variance=fix)
        score = -np.array(prediction)   # plot.py's sweep: roc_curve(answers, -prediction)
        fpr, tpr, _ = roc_curve(np.array(answers, dtype=bool), score)
        out[name] = {
            "scores": score.tolist(),
            # plot.py reads tpr[np.where(fpr < x)[0][-1]]; at these set sizes x = 0.25 and 0.5 are the interesting cuts
            "tpr_below": {str(x): float(tpr[np.where(fpr < x)[0][-1]]) for x in (0.25, 0.5, 0.75)},
        }
    out["is_member"] = check_keep[0].astype(int).tolist()
    write_golden("Attacks/golden/plotpy_golden.json", out)


if __name__ == "__main__":
    main()
