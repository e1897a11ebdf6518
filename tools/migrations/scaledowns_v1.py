#!/usr/bin/env python3
"""One-time migration (issue 28): every profile's departures from the paper profile's settings, listed as scaleDowns
in each claim file (run.json and the report label them), generated from the profile layers so they say exactly what
the profile changes; plus the paper profile's own known departures from the papers, written by hand."""
import json, os, glob

def load(path):
    d = json.load(open(path))
    if 'extends' in d:
        b = load(os.path.join(os.path.dirname(path), d['extends']))
        merge(b, d); b.pop('extends', None); return b
    return d
def merge(t, l):
    for k, v in l.items():
        if isinstance(v, dict) and isinstance(t.get(k), dict): merge(t[k], v)
        else: t[k] = v
def flat(d, prefix=''):
    out = {}
    for k, v in d.items():
        if isinstance(v, dict): out.update(flat(v, f'{prefix}{k}:'))
        else: out[f'{prefix}{k}'] = v
    return out
SKIP = ('checks', 'asserted', 'checkWhy', 'seeds', 'scaleDowns', 'notes')
PAPER = {  # the paper profile's own departures from the papers (not visible as a profile layer)
    'preeti2022': ['the per-class SVM attack model is trained on at most 1,000 rows per label and class (svm:maxTrainPerLabel; the paper trains on all)'],
}
def show(v): return json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v
for f in sorted(glob.glob('experiments/*/*.json')):
    if '/_' in f: continue
    raw = json.load(open(f)); merged = load(f); paper = f.split('/')[1]
    profiles = merged.get('profiles', {})
    base = {k: v for k, v in merged.items() if k not in ('profiles', 'variants')}
    base_flat = flat(base)
    variants = merged.get('variants', {})
    for name, layer in profiles.items():
        lines = []
        for key, value in flat({k: v for k, v in layer.items() if k not in SKIP and k != 'variants'}).items():
            if key.split(':')[0] in SKIP: continue
            was = base_flat.get(key)
            if was != value: lines.append(f'{key} {show(value)} (paper profile: {show(was) if was is not None else "unset"})')
        for v, vl in (layer.get('variants') or {}).items():
            vbase = flat({**base, **variants.get(v, {})})
            for key, value in flat(vl).items():
                was = vbase.get(key)
                if was != value: lines.append(f'variant {v}: {key} {show(value)} (paper profile: {show(was) if was is not None else "unset"})')
        if name == 'paper' or name == 'paper-cpu':
            lines = PAPER.get(paper, []) + lines
        if lines:
            raw.setdefault('profiles', {}).setdefault(name, {})['scaleDowns'] = lines
    json.dump(raw, open(f, 'w'), ensure_ascii=False, indent=2); open(f, 'a').write('\n')
    print(f, {p: len(v.get('scaleDowns', [])) for p, v in raw.get('profiles', {}).items()})
