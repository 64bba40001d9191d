"""GPU protocol, step 3 (runs HERE): the forward+backward ensemble from the two saved test-set probability files.

Baseline side script: it scores the runs of bench/gpu_imdb.py, which trains fastai's stock learners, not the
project's pipeline (`ulmfit train`); kept for comparison (BENCHMARKS.md, the baseline section).

Usage: python bench/gpu_ensemble.py DIR [DIR2]   (DIRs hold probs_fwd.npy / probs_bwd.npy, targets.npy, metrics_*.json)
Prints a Markdown table: forward, backward and averaged-probability accuracy beside the book's figures.
"""
import sys, json, numpy as np
from pathlib import Path

dirs = [Path(d) for d in sys.argv[1:]] or [Path('.gpu/out')]
def find(name):
    for d in dirs:
        if (d/name).exists(): return d/name
    raise SystemExit(f'{name} not found in {", ".join(map(str, dirs))}')
t = np.load(find('targets.npy')).astype(int)
pf, pb = np.load(find('probs_fwd.npy')), np.load(find('probs_bwd.npy'))
assert pf.shape == pb.shape == (len(t), 2), (pf.shape, pb.shape, t.shape)
acc = lambda p: float((p.argmax(1) == t).mean())
mf, mb = [json.loads(find(f'metrics_{d}.json').read_text()) for d in ('fwd','bwd')]
rows = [('forward', acc(pf), '94.3%', mf), ('backward', acc(pb), '—', mb), ('ensemble (mean of probabilities)', acc((pf+pb)/2), '95.1%', None)]
print(f'{len(t):,} IMDb test reviews\n')
print('| model | test accuracy | book | LM epochs (share of corpus) | LM accuracy | LM s | classifier stages | classifier s |')
print('|---|---|---|---|---|---|---|---|')
for name, a, book, m in rows:
    extra = (f"{m.get('lm_epochs')} ({m.get('lm_train_share', 1)}) | {m.get('lm_accuracy')} | {m.get('lm_seconds')} | {len(m.get('clas_stages', []))} | {m.get('clas_seconds')}"
             if m else '| | | |')
    print(f'| {name} | {a:.2%} | {book} | {extra} |')
