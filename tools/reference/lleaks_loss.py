"""Golden values for MiaRepro's DistillationLoss (l-Leaks, Li et al. Eq. 8), computed by hand in plain Python doubles.

L = alpha * T^2 * KL(p || q) + beta * CE(z_s, y), p = softmax(z_t / T), q = softmax(z_s / T), KL averaged over rows
(torch's kl_div(..., reduction="batchmean")), CE the mean cross-entropy at T = 1 (torch's cross_entropy); and the
defense's loss without weights, T^2 * H(p, q). Plain Python, not PyTorch: python3-torch is not installed on the
machine this was written on, and the formula is short enough to write out independently of the C# code.
Inputs are closed-form (no RNG), so the C# test rebuilds them exactly.

    /usr/bin/python3 tools/reference/lleaks_loss.py > src/MiaRepro.Tests/Training/golden/lleaks-loss.json
"""
import json
import math

N, C = 6, 4
student = [[2 * math.sin(0.7 * (i + 1) + 1.3 * (j + 1)) for j in range(C)] for i in range(N)]
teacher = [[3 * math.cos(0.5 * (i + 1) + 0.9 * (j + 1)) for j in range(C)] for i in range(N)]
labels = [i % C for i in range(N)]


def log_softmax(row, t):
    scaled = [v / t for v in row]
    m = max(scaled)
    lse = m + math.log(sum(math.exp(v - m) for v in scaled))
    return [v - lse for v in scaled]


cases = []
for t in (1.0, 4.0):
    log_p = [log_softmax(r, t) for r in teacher]
    log_q = [log_softmax(r, t) for r in student]
    kl = sum(sum(math.exp(a) * (a - b) for a, b in zip(lp, lq)) for lp, lq in zip(log_p, log_q)) / N
    h = sum(-sum(math.exp(a) * b for a, b in zip(lp, lq)) for lp, lq in zip(log_p, log_q)) / N
    ce = sum(-log_softmax(r, 1.0)[y] for r, y in zip(student, labels)) / N
    for alpha, beta in ((1.0, 0.0), (0.0, 1.0), (0.5, 0.5), (0.7, 0.3)):
        cases.append({"temperature": t, "alpha": alpha, "beta": beta, "loss": alpha * t * t * kl + beta * ce})
    cases.append({"temperature": t, "alpha": None, "beta": None, "loss": t * t * h})

print(json.dumps({"generator": "tools/reference/lleaks_loss.py", "cases": cases}, indent=2))
