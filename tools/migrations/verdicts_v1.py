#!/usr/bin/env python3
"""One-time migration (issue 28): controls for every claim, extensions labelled, scale-downs listed per profile,
statements true by construction removed (now unit tests), "barely beats" split into its two one-sided halves, and the
deviations the rule-derived bands (tools/migrations: bands filled from the committed seed spread) turned up recorded
with their measured values. Kept for the record of what changed and why. Run once from the repository root."""
import json, os, glob

def path(c): return f'experiments/{c}.json'
def load(c): return json.load(open(path(c)))
def save(c, d):
    with open(path(c), 'w') as f: json.dump(d, f, ensure_ascii=False, indent=2); f.write('\n')
def find(checks, what, variant=None):
    hits = [c for c in checks if c['what'] == what and (variant is None or c['of'].get('variant') == variant)]
    assert hits, (what, variant); return hits
def control(c, why, constant=None, of=None, must='all', effect=None):
    c['control'] = {'of': of} if of else {'constant': constant}
    if must != 'all': c['control']['mustFail'] = must
    c['control']['why'] = why
    if effect is not None: c['effect'] = effect
def deviation(c, measured, reason, profile='paper'):
    c['deviation'] = {'measured': measured, 'profile': profile, 'reason': reason}
LABEL_FREE = 'a label-independent attack (its expected accuracy on balanced members and non-members is 50 %)'
NO_CHANGE = 'no effect at all (difference 0)'
UNTRAINED = 'an untrained classifier (10 % on ten classes)'

# --- Bîndilă et al. -------------------------------------------------------------------------------------------------
c = 'bindila2021/defense-matrix'; d = load(c)
d['extension'] = "Bîndilă et al. test the L2 defense only; this matrix (every output defense and distillation against every attack) is the project's own question."
d['checks'] = [x for x in d['checks'] if x['what'] not in (
    'top-1 masking: the loss-threshold attack equals CCR on the undefended target',   # LeakAttacksTests.LossThreshold_OnATwoValuedRelease_DecidesAsTheCorrectClassificationRule
    'top-3 masking costs no test accuracy', 'label-only output costs no test accuracy')]  # OutputDefenseTests.Defenses_NeverChangeTheTopClass
for x in d['checks']:
    if x['type'] == 'at-most': control(x, f'a defense with {NO_CHANGE}', constant=0)
    elif 'costs no test accuracy' in x['what']: control(x, 'a defense that costs 5 points of test accuracy', constant=-5, effect=5)
    else: control(x, 'a defense that removes 20 points of the advantage (less than half of L2 λ=1e-2’s effect)', constant=-20, effect=20)
save(c, d)

c = 'bindila2021/kde-accuracy-before-defense'; d = load(c)
for checks in (d['checks'], d['profiles']['smoke']['checks']):
    control(checks[0], 'the L2 λ=1e-2 target, which the paper says the attack no longer beats', of={'lambda': '0.01'})
save(c, d)

c = 'bindila2021/kde-ce-fpr-largest'; d = load(c)
for checks in (d['checks'], d['profiles']['smoke']['checks']):
    control(checks[0], 'a label-independent attack: every loss gives the same FPR (margin 0)', constant=0)
save(c, d)

c = 'bindila2021/kde-flat-beyond-2pct'; d = load(c)
for checks in (d['checks'], d['profiles']['smoke']['checks']):
    control(checks[0], 'a curve that rises by 10 points over the leak %', constant=10)
save(c, d)

c = 'bindila2021/kde-fpr-floor'; d = load(c)
control(d['checks'][2], 'no floor: the FP share falls to 0 with the TPR', constant=0)
control(d['profiles']['smoke']['checks'][0], 'no floor: the FP share falls to 0 with the TPR', constant=0)
save(c, d)

c = 'bindila2021/kde-in-sample-vs-held-out'; d = load(c)
d['extension'] = "Bîndilă et al. score the KDE attack on the points it was fitted on; whether that flatters it (in-sample vs held-out) is the project's own question."
for checks in (d['checks'], d['profiles']['smoke']['checks']):
    x = checks[0]
    # The project's hypothesis has no paper value: a stated bound, not a band around a number nobody reported.
    for k in ('paper', 'band', 'bandRule'): x.pop(k, None)
    x.update({'what': 'before the defense, in-sample accuracy flatters the attack by at most 2 points (mean over leak %)', 'type': 'at-most', 'value': 2})
    control(x, 'an attack flattered by 5 points', constant=5)
    control(checks[1], 'no in-sample optimism (difference 0)', constant=0)
save(c, d)

c = 'bindila2021/kde-l2-defense'; d = load(c)
s = d['profiles']['smoke']['checks']
control(s[0], LABEL_FREE, constant=50)
control(s[1], f'a defense with {NO_CHANGE}', constant=0)
save(c, d)

c = 'bindila2021/kde-rates-before-defense'; d = load(c)
control(d['checks'][0], 'a label-independent attack calling half the set member: TP share 25 %', constant=25)
for x in find(d['checks'], "FP share of the evaluation set ≈ 24 % (the paper's 'FPR')", 'as-coded'):
    deviation(x, 25.614, "the as-coded target's FP share is 25.6 % on seed 0 (25.65 over seeds 0–2) against the paper's ≈ 24 %; the band from the seed spread (sd 0.17) is ±0.84, so the 1.6-point difference is outside it; cause not isolated (the paper reports one run)")
control(d['profiles']['smoke']['checks'][0], 'the L2 λ=1e-2 target, where the attack is at chance', of={'lambda': '0.01'})
save(c, d)

c = 'bindila2021/kde-wasserstein-trend'; d = load(c)
control(d['checks'][2], 'no trend (change 0)', constant=0)
for x in d['checks'][:2]: control(x, 'no trend (change 0)', constant=0)
s = d['profiles']['smoke']['checks']
control(s[0], 'the undefended target, whose W1 is above 1.3', of={'lambda': '0'})
control(s[1], 'the L2 λ=1e-2 target, whose W1 is below 0.5', of={'lambda': '0.01'})
control(s[2], 'no trend (change 0)', constant=0)
save(c, d)

c = 'bindila2021/l2-closes-gap'; d = load(c)
control(d['checks'][0], 'no trend (change 0)', constant=0)
save(c, d)

c = 'bindila2021/l2-table'; d = load(c)
for x in find(d['checks'], 'no regularization: train'): control(x, UNTRAINED, constant=10)
x = find(d['checks'], 'L2 λ=1e-3: train', 'as-coded')[0]
x.pop('deviation')   # within the rule band (seed sd 4.41 → ±8.83): it reproduces
x = find(d['checks'], 'L2 λ=1e-2: train', 'as-coded')[0]
deviation(x, 64.34, 'as coded, train accuracy at λ=1e-2 is 64.34 on seed 0 (seeds 0–2 spread 0.35) against the paper’s 63.22: 1.1 points, outside ±0.71; cause not isolated (one paper run)')
save(c, d)

c = 'bindila2021/overfitting-gap'; d = load(c)
for x in d['checks']: control(x, 'a model that does not overfit (gap 0)', constant=0)
control(d['profiles']['smoke']['checks'][0], 'the L2 λ=1e-1 target, which does not overfit', of={'lambda': '0.1'})
save(c, d)

# --- Irolla 2019 ------------------------------------------------------------------------------------------------------
def barely(checks, n_note, lower):
    old = find(checks, '|shadow attack − CCR| small next to the gap')[0]
    i = checks.index(old)
    base = {'of': old['of'], 'minus': old['minus']}
    above = {'what': 'the shadow attack is not below CCR beyond the noise of the difference (it beats or matches it)', 'type': 'at-least', **base, 'value': lower}
    below = {'what': 'the shadow attack beats CCR by little: at most 4 points, small next to the ≈ 32-point gap', 'type': 'at-most', **base, 'value': 4}
    control(above, 'a shadow attack 5 points below CCR', constant=-5)
    control(below, 'a shadow attack that beats CCR by the gap-sized 17 points', constant=17)
    checks[i:i + 1] = [above, below]
c = 'irolla2019/cifar10-attack-vs-ccr'; d = load(c)
control(d['checks'][0], LABEL_FREE, constant=50)
# 2σ of a difference of two accuracies on the same n examples, bounded by √2 × the binomial sd: n = 10,000 → 1.33, n = 2,000 → 2.97.
barely(d['checks'], '10,000', -1.33)
barely(d['profiles']['smoke']['checks'], '2,000', -2.97)
control(d['profiles']['smoke']['checks'][2], LABEL_FREE, constant=50)
save(c, d)

c = 'irolla2019/cifar10-target'; d = load(c)
control(d['checks'][0], UNTRAINED, constant=10)
deviation(d['checks'][1], 68.3, 'test accuracy 68.3 on seed 0 (seeds 0–2: 68.3 ± 0.6) against the paper’s ≈ 66 %: 2.3 points above, outside ±1.84; cause not isolated')
s = d['profiles']['smoke']['checks']
control(s[0], 'a model that does not overfit (gap 0)', constant=0)
control(s[1], UNTRAINED, constant=10)
save(c, d)

c = 'irolla2019/cifar10-tp-only-epochs'; d = load(c)
deviation(d['checks'][0], 55.358, 'paper-cpu (2 shadows): 55.36 on seed 0 (55.34, 56.55 on seeds 1, 2) against the paper’s 56.54: 1.2 points below, outside ±1.09', profile='paper-cpu')
deviation(d['checks'][1], 59.499, 'paper-cpu (2 shadows): 59.50 on seed 0 (59.67, 58.90 on seeds 1, 2) against the paper’s 61.03: 1.5 points below, outside ±1.07', profile='paper-cpu')
control(d['checks'][2], 'no trend (change 0)', constant=0)
save(c, d)

c = 'irolla2019/fashion-mnist-tp-only'; d = load(c)
CIFAR_LEAK = 'the CIFAR-10 TP-only attack’s 56.54 % (the paper): a leak this check must not call chance'
for x in d['checks']: control(x, CIFAR_LEAK, constant=56.54, effect=6.54)
deviation(d['checks'][1], 51.795, 'at 50 epochs the TP-only attack reads 51.8 on seed 0 (51.2 on the H200 seed-0 run) against the paper’s ≈ 50 %: 1.8 points above chance, outside ±1.3 — a small leak the paper rounds away')
s = d['profiles']['smoke']['checks']
control(s[0], CIFAR_LEAK, constant=56.54, effect=6.54)
# The 20-epoch smoke target memorizes and the attack reads 57 on one CPU, 53 on another: smoke cannot test the claim's second half.
s[1] = {'what': 'TP-only attack at more epochs (smoke: the target memorizes; recorded, not judged)', 'type': 'measured', 'of': s[1]['of']}
save(c, d)

c = 'irolla2019/mnist-attack-vs-ccr'; d = load(c)
CIFAR_ATTACK = 'the CIFAR-10 shadow attack’s 67.44 % (the paper): a leak this check must not call chance'
control(d['checks'][0], CIFAR_ATTACK, constant=67.44, effect=15.47)
deviation(d['checks'][0], 50.88, 'the shadow attack reads 50.88 ± 0.19 over seeds 0–2 against the paper’s 51.97: 1.1 points lower, outside ±1.0; both are near chance (CCR 50.5)')
s = d['profiles']['smoke']['checks']
control(s[1], CIFAR_ATTACK, constant=67.44)
control(s[2], CIFAR_ATTACK, constant=67.44)
control(s[0], 'a shadow attack 10 points above CCR', constant=10, effect=10)
control(find(d['checks'], '|shadow attack − CCR| small')[0], 'a shadow attack 10 points above CCR', constant=10, effect=10)
save(c, d)

c = 'irolla2019/mnist-target'; d = load(c)
control(d['checks'][0], UNTRAINED, constant=10)
s = d['profiles']['smoke']['checks']
control(s[0], UNTRAINED, constant=10)
control(s[1], 'a model that generalizes better than it fits (gap −5)', constant=-5)
save(c, d)

# --- Preeti & Khan 2022 -------------------------------------------------------------------------------------------------
c = 'preeti2022/adult'; d = load(c)
CIFAR_PREETI = 'the CIFAR-10 shadow attack’s 86.3 % at ds 2,500 (the paper): a leak this check must not call chance'
control(d['checks'][2], CIFAR_PREETI, constant=86.3, effect=36.3)
control(d['checks'][0], 'a classifier at chance on two classes (50 %)', constant=50)
s = d['profiles']['smoke']['checks']
control(s[0], 'a classifier at chance on two classes (50 %)', constant=50)
control(s[1], CIFAR_PREETI, constant=86.3)
save(c, d)

c = 'preeti2022/cifar10-ds-sweep'; d = load(c)
for x in d['checks'][:2]: control(x, 'no trend (change 0)', constant=0)
control(d['checks'][2], LABEL_FREE, constant=50)
for x in d['checks'][6:]: control(x, 'a label-independent attack calling half the set member: recall 50 %', constant=50)
for what, m, why in [('attack accuracy at ds 2,500', 87.6, '87.60 on seed 0 (87.77 ± 0.16 over seeds 0–2) against the paper’s 86.3: 1.3 points above, outside ±1.02'),
                     ('attack accuracy at ds 5,000', 83.99, '83.99 on seed 0 (84.42 ± 0.38 over seeds 0–2) against the paper’s 81.28: 2.7 points above, outside ±0.79'),
                     ('attack accuracy at ds 15,000', 77.193, '77.19 on seed 0 (77.58 ± 0.71 over seeds 0–2) against the paper’s 79.47: 2.3 points below, outside ±0.89')]:
    deviation(find(d['checks'], what)[0], m, why + '; the fall with ds reproduces, the paper’s single run per row does not to this precision')
save(c, d)

for c in ['preeti2022/cifar10-l2-mitigation', 'preeti2022/classes-vs-leakage']:
    d = load(c)
    for checks in (d['checks'], d['profiles']['smoke']['checks']): control(checks[0], NO_CHANGE, constant=0)
    save(c, d)

c = 'preeti2022/distillation'; d = load(c)
d['extension'] = "Preeti & Khan name distillation among mitigations without measuring it; whether it lowers their shadow attack here is the project's own question."
for checks in (d['checks'], d['profiles']['smoke']['checks']): control(checks[0], f'a defense with {NO_CHANGE}', constant=0)
save(c, d)

c = 'preeti2022/output-defenses'; d = load(c)
d['extension'] = "Preeti & Khan discuss output defenses without measuring them; top-k, rounding and label-only against their shadow attack are the project's own question."
by_construction = ('with labels only, the shadow attack is the correct-classification rule',
                   'with labels only, the loss-threshold attack is the correct-classification rule (the release leaves nothing else)')
for checks in (d['checks'], d['profiles']['smoke']['checks']):
    checks[:] = [x for x in checks if x['what'] not in by_construction]
    for x in checks:
        if x['type'] == 'within': control(x, 'a defense that lowers the attack by 10 points', constant=-10, effect=10)
        else: control(x, f'a defense with {NO_CHANGE}', constant=0)
save(c, d)
print('done')
