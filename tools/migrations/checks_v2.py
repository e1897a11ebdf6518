#!/usr/bin/env python3
"""One-time migration (issue 27, item 5): rewrites every experiment file's `check` block (four dialects: sweep kinds,
kdeAssertions, shadow assertions, defenseAssertions) into the one check language (`checks`, `checkWhy`, `asserted`).
Kept for the record: what each old statement became is in this file. Run from the repository root."""
import glob, json, os, sys

def load(path):
    d = json.load(open(path))
    if 'extends' in d:
        base = load(os.path.join(os.path.dirname(path), d['extends']))
        merge(base, d)
        base.pop('extends', None)
        return base
    return d

def merge(t, layer):
    for k, v in layer.items():
        if isinstance(v, dict) and isinstance(t.get(k), dict): merge(t[k], v)
        else: t[k] = v

def num(x):
    return ('%r' % x) if not float(x).is_integer() else str(int(x)) if isinstance(x, (int,)) or float(x).is_integer() else str(x)

def g(x):  # numbers as the measurement facets write them (C# "G"): 0.01, 1E-05
    s = repr(float(x))
    return s[:-2] if s.endswith('.0') else s

def sweep(check, merged, lambdas, variants):
    k = check['kind']; out = []
    if k == 'gap-at-least':
        out.append({'what': 'gap at λ=0 (points)', 'type': 'at-least', 'of': {'metric': 'gap', 'lambda': '0'}, 'each': ['variant'],
                    'value': check['threshold'], 'sigmas': check.get('sigmas', 2)})
    elif k == 'gap-decreasing':
        out.append({'what': 'gap falls at every step of λ', 'type': 'decreasing', 'of': {'metric': 'gap'}, 'each': ['variant'], 'along': 'lambda',
                    'monotone': True, 'band': 0})
    elif k == 'gap-near':
        pv = {(p['lambda'], p['metric']): p['value'] for p in merged['paperValues']}
        paper = round(pv[(0, 'train')] - pv[(0, 'test')], 6)
        for v in variants:
            c = {'what': 'no regularization: gap', 'type': 'near', 'of': {'metric': 'gap', 'lambda': '0', 'variant': v}, 'paper': paper, 'band': check['tolerance']}
            dev = [d for d in check.get('deviations', []) if d['variant'] == v and d['metric'] == 'gap']
            if dev: c['deviation'] = {'measured': dev[0]['measured'], 'band': check['stabilityTolerance'], 'reason': dev[0]['reason']}
            out.append(c)
    elif k == 'table':
        for v in variants:
            for p in merged['paperValues']:
                metric = {'train': 'train-accuracy', 'test': 'test-accuracy'}[p['metric']]
                c = {'what': f"{p['row']}: {p['metric']}", 'type': 'near', 'of': {'metric': metric, 'lambda': g(p['lambda']), 'variant': v},
                     'paper': p['value'], 'band': check['tolerance']}
                dev = [d for d in check.get('deviations', []) if d['variant'] == v and d['row'] == p['row'] and d['metric'] == p['metric']]
                if dev: c['deviation'] = {'measured': dev[0]['measured'], 'band': check['stabilityTolerance'], 'reason': dev[0]['reason']}
                out.append(c)
    else: raise SystemExit(f'unknown sweep kind {k}')
    return out

def kde(check, merged, lambdas, variants):
    k = check['kind']; out = []; D = check.get('defendedLambda')
    held = {'metric': 'accuracy', 'evaluation': 'held-out'}
    if k == 'kde-drops':
        out.append({'what': 'attack works at λ=0 (held-out acc %, mean over leak %)', 'type': 'at-least', 'of': {**held, 'lambda': '0'},
                    'each': ['variant', 'loss'], 'value': 50 + check['tolerance']})
        out.append({'what': f'L2 λ={g(D)} lowers it (points)', 'type': 'at-least', 'of': {**held, 'lambda': '0'}, 'minus': {'lambda': g(D)},
                    'each': ['variant', 'loss'], 'value': check['threshold']})
    elif k == 'kde-defense':
        out.append({'what': f'held-out acc ≈ 50 after L2 λ={g(D)}', 'type': 'near', 'of': {**held, 'lambda': g(D)}, 'each': ['variant', 'loss', 'leak'],
                    'paper': 50, 'band': check['tolerance'],
                    'control': {'of': {'lambda': '0'}, 'mustFail': 'most', 'why': 'the undefended target leaks, so the same ≈ 50 criterion must fail for most of its settings'}})
        others = [l for l in lambdas if l not in (0, D)]
        if others:
            out.append({'what': 'held-out acc, mean over leak % (the paper\'s other targets, recorded beside the check)', 'type': 'measured',
                        'of': {**held, 'lambda': '|'.join(g(l) for l in others)}, 'each': ['variant', 'lambda', 'loss']})
    elif k == 'assertions':
        for a in check['kdeAssertions']:
            m = a.get('metric', 'accuracy'); ev = a.get('evaluation', 'held-out')
            of = {'lambda': g(a.get('lambda', 0))}; c = {'what': a['what']}
            if m == 'in-sample-optimism':
                of.update({'metric': 'accuracy', 'evaluation': 'in-sample'}); c['minus'] = {'evaluation': 'held-out'}
            elif m in ('wasserstein', 'kl'): of['metric'] = m
            elif m == 'advantage':  # TPR − FPR: the table stores both, the check takes the difference
                of.update({'metric': 'tpr', 'evaluation': ev}); c['minus'] = {'metric': 'fpr'}
            elif m == 'tpr-at-1pct-fpr': of.update({'metric': 'tpr@1%fpr', 'evaluation': ev})
            else: of.update({'metric': m, 'evaluation': ev})
            if a.get('variant'): of['variant'] = a['variant']
            kind = a['kind']
            if a.get('loss') and kind != 'largest': of['loss'] = a['loss']
            if a.get('leakPercents'): of['leak'] = '|'.join(g(x) for x in a['leakPercents'])
            each = ([] if a.get('variant') else ['variant']) + ([] if (a.get('loss') or kind == 'largest') else ['loss'])
            c.update({'type': kind, 'of': of})
            if each: c['each'] = each
            if kind == 'near': c.update({'paper': a['value'], 'band': a['tolerance']})
            elif kind in ('at-least', 'at-most'): c.update({'value': a['value'], 'along': 'leak', 'share': a.get('share', 0.5)})
            elif kind == 'flat': c.update({'along': 'leak', 'band': a['tolerance']})
            elif kind in ('increasing', 'decreasing'): c.update({'along': 'leak', 'band': a.get('tolerance', 0)})
            elif kind == 'largest': c.update({'type': 'largest', 'among': 'loss', 'expect': a['loss'], 'band': a.get('tolerance', 0)})
            if a.get('recorded') is not None: c['deviation'] = {'measured': a['recorded'], 'band': a['stability'], 'reason': a['reason']}
            out.append(c)
    else: raise SystemExit(f'unknown kde kind {k}')
    return out

SHADOW_METRIC = {'target-train': ('', 'train-accuracy'), 'target-test': ('', 'test-accuracy'), 'target-gap': ('', 'gap'), 'tpr-at-1pct-fpr': (None, 'tpr@1%fpr')}
def attack(a): return {'shadow': 'shadow-*', 'loss': 'loss-threshold', 'kde': 'kde-*'}.get(a, a)

def shadow(check, merged, lambdas, variants):
    out = []
    for a in check['assertions']:
        metric = a.get('metric', 'accuracy'); scale = 100 if metric == 'auc' else 1
        att, met = SHADOW_METRIC.get(metric, (None, metric))
        of = {'metric': met, 'attack': att if att is not None else attack(a.get('attack', ''))}
        if a.get('variant'): of['variant'] = a['variant']
        c = {'what': a['what'], 'of': of}; kind = a['kind']; tol = a.get('tolerance', 0) * scale
        if kind == 'near':
            c.update({'type': 'near', 'paper': a['value'] * scale, 'band': tol})
            if a.get('recorded') is not None: c['deviation'] = {'measured': a['recorded'] * scale, 'band': tol, 'reason': a.get('reason', '')}
        elif kind in ('at-least', 'at-most'): c.update({'type': kind, 'value': a['value'] * scale})
        elif kind == 'near-attack': c.update({'type': 'within', 'value': 0, 'band': tol, 'minus': {'attack': attack(a['other'])}})
        elif kind == 'near-variant': c.update({'type': 'within', 'value': 0, 'band': tol, 'minus': {'variant': a['other']}})
        elif kind == 'lower-than': c.update({'type': 'at-most', 'value': -tol, 'minus': {'variant': a['other']}})
        elif kind in ('decreasing', 'increasing'):
            of.pop('variant', None); c.update({'type': kind, 'steps': [{'variant': v} for v in a['variants']], 'band': tol, 'monotone': True})
        else: raise SystemExit(f'unknown shadow assertion {kind}')
        out.append(c)
    return out

def defense(check, merged, lambdas, variants):
    out = []
    for a in check['defenseAssertions']:
        metric = a.get('metric', 'advantage'); utility = metric in ('test-accuracy', 'train-accuracy')
        of = {'metric': metric, 'defense': a['defense'], 'attack': '' if utility else attack(a['attack'])}
        if a.get('variant'): of['variant'] = a['variant']
        c = {'what': a['what'], 'of': of}
        if not a.get('variant'): c['each'] = ['variant']
        other = {'defense': a.get('other', 'none')}
        if not utility: other['attack'] = attack(a.get('otherAttack') or a['attack'])
        kind = a['kind']; tol = a.get('tolerance', 0)
        if kind == 'lower-than': c.update({'type': 'at-most', 'value': -tol, 'minus': other})
        elif kind == 'near-cell': c.update({'type': 'within', 'value': 0, 'band': tol, 'minus': other})
        elif kind == 'near': c.update({'type': 'within', 'value': a['value'], 'band': tol})
        elif kind in ('at-most', 'at-least'): c.update({'type': kind, 'value': a['value']})
        if a.get('recorded') is not None: c['deviation'] = {'measured': a['recorded'], 'band': a['stability'], 'reason': a.get('reason', '')}
        # keep the order of keys readable
        out.append({k: c[k] for k in ['what', 'type', 'of', 'minus', 'each', 'paper', 'value', 'band', 'deviation'] if k in c})
    return out

def convert(check, merged, lambdas, variants):
    why = check.get('why', '')
    if check['kind'] == 'none':
        return {'asserted': False, 'checkWhy': why}
    kind = merged['kind']
    fn = {'l2-sweep': sweep, 'kde-leak': kde, 'shadow-attack': shadow, 'defense-matrix': defense}[kind]
    return {'asserted': True, 'checkWhy': why, 'checks': fn(check, merged, lambdas, variants)}

def replace(node, block):
    items = list(node.items()); node.clear()
    for k, v in items:
        if k == 'check': node.update(block)
        else: node[k] = v

for path in sorted(glob.glob('experiments/*/*.json')):
    raw = json.load(open(path))
    merged = load(path)
    variants = list(merged.get('variants', {}).keys()) or ['default']
    changed = False
    if 'check' in raw:
        replace(raw, convert(raw['check'], merged, merged.get('lambdas', []), variants)); changed = True
    for pname, p in raw.get('profiles', {}).items():
        if 'check' in p:
            lam = p.get('lambdas', merged.get('lambdas', []))
            replace(p, convert(p['check'], merged, lam, variants)); changed = True
    if changed:
        with open(path, 'w') as f: json.dump(raw, f, ensure_ascii=False, indent=2); f.write('\n')
        print('converted', path)
