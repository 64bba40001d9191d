"""GPU protocol, step 1 (runs HERE, on CPU): tokenize and numericalize full IMDb, save compact ids for the device.

Baseline side script, not the project's pipeline: it feeds bench/gpu_imdb.py, which trains fastai's stock learners
(not `ulmfit train`; the project's own GPU path is bench/gpu_pipeline.sh). Kept for comparison (BENCHMARKS.md).

The device machine has torch but neither fastai's tokenizer stack nor spaCy, and at most 64 MiB travels per call,
so we tokenize here once (fastai's default word rules on spaCy, the book's tokenization), build the book's vocab
(min_freq=3, max_vocab=60000) and save uint16 ids, compressed, to `.gpu/imdb_ids.npz` (gitignored).

Usage: python bench/gpu_prepare.py [--out .gpu] [--n-workers 2] [--tokenizer ulmfit_nb|fastai]
`--tokenizer fastai` uses fastai's own `tokenize_texts` (the path before issue 17); both give the same tokens.
"""
import argparse, time, numpy as np, os
from pathlib import Path
from fastai.text.all import make_vocab, defaults
from fastai.text.core import tokenize_texts as fastai_tokenize_texts
from ulmfit_nb.tokenization import tokenize_texts
from collections import Counter
from ulmfit_nb.data import imdb_df, imdb_unsup_texts

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('--out', default='.gpu'); p.add_argument('--n-workers', type=int, default=2)
p.add_argument('--tokenizer', choices=['ulmfit_nb', 'fastai'], default='ulmfit_nb')
a = p.parse_args()
out = Path(a.out); out.mkdir(exist_ok=True)
t0 = time.time()
df = imdb_df()
unsup = imdb_unsup_texts()
texts = list(df.text) + unsup
print(f'read {len(texts):,} reviews in {time.time()-t0:.0f}s', flush=True)
t1 = time.time()
toks = tokenize_texts(texts, n_workers=a.n_workers, cache=False, progress=False) if a.tokenizer == 'ulmfit_nb' else \
       [list(o) for o in fastai_tokenize_texts(texts, n_workers=a.n_workers)]
t_tok = time.time() - t1
n_tok = sum(len(t) for t in toks)
print(f'tokenized ({a.tokenizer}) {len(texts):,} reviews, {n_tok:,} tokens in {t_tok:.0f}s ({len(texts)/t_tok:.0f} reviews/s)', flush=True)
vocab = make_vocab(Counter(t for ts in toks for t in ts), min_freq=3, max_vocab=60000)
o2i = {w:i for i,w in enumerate(vocab)}
unk = o2i['xxunk']
lens = np.array([len(t) for t in toks], dtype=np.int64)
ids = np.fromiter((o2i.get(w, unk) for ts in toks for w in ts), dtype=np.uint16, count=n_tok)
n_lab = len(df)
labels = np.full(len(texts), -1, dtype=np.int8); labels[:n_lab] = (df.label.values == 'pos').astype(np.int8)
is_valid = np.zeros(len(texts), dtype=bool); is_valid[:n_lab] = df.is_valid.values
tmp = out/'imdb_ids.tmp.npz'
np.savez_compressed(tmp, ids=ids, lens=lens, labels=labels, is_valid=is_valid, vocab=np.array(vocab, dtype=object).astype(str))
os.replace(tmp, out/'imdb_ids.npz')
print(f'vocab {len(vocab):,}; wrote {out/"imdb_ids.npz"} ({(out/"imdb_ids.npz").stat().st_size/2**20:.1f} MiB) in {time.time()-t0:.0f}s total')
