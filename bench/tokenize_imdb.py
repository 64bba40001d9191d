"""Tokenization benchmark on full IMDb (train+test, 50,000 labelled reviews) from the data mirror.

Compares, on the same texts in the same run:
  - fastai: `fastai.text.core.tokenize_texts` (fastai's default rules + spaCy through `parallel_tokenize`, the path
    `Tokenizer.from_df`/`TextBlock` use), no cache;
  - ulmfit_nb cold: `ulmfit_nb.tokenization.tokenize_texts` with an empty cache (tokenizes and fills the cache);
  - ulmfit_nb warm: the same call again (served from the cache).
Prints a Markdown table (reviews/s, tokens/s) and checks that both paths give identical tokens.

Usage (repo root, venv active, ULMFIT_DATA pointing at the mirror):
    python bench/tokenize_imdb.py [--n 5000] [--n_workers 2] [--out bench/tokenize_imdb.md]
"""
import argparse, os, platform, subprocess, sys, tempfile, time
from pathlib import Path


def cpu_model() -> str:
    try:
        out = subprocess.run(['lscpu'], capture_output=True, text=True).stdout
        return next(l.split(':', 1)[1].strip() for l in out.splitlines() if l.startswith('Model name'))
    except Exception: return platform.processor() or 'unknown'


def timed(f):
    t0 = time.perf_counter(); r = f(); return r, time.perf_counter() - t0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--n', type=int, default=None, help='use a random subset of this many reviews (default: all 50,000)')
    ap.add_argument('--n_workers', type=int, default=None, help='worker processes (default: fastai defaults.cpus)')
    ap.add_argument('--out', type=Path, default=None, help='also write the Markdown table to this file')
    ap.add_argument('--seed', type=int, default=0)
    args = ap.parse_args(argv)

    import numpy as np
    from fastcore.basics import defaults
    from fastai.text.core import tokenize_texts as fastai_tokenize_texts
    from ulmfit_nb.data import imdb_df
    from ulmfit_nb.tokenization import tokenize_texts, TOK_STATS

    n_workers = defaults.cpus if args.n_workers is None else args.n_workers
    texts = imdb_df().text.tolist()   # read with the normal cache (the archive is extracted once there)
    # A fresh token cache so the first run of our path is cold (`cache_dir` reads the variable at each call).
    cache = tempfile.mkdtemp(prefix='tokbench-')
    os.environ['ULMFIT_CACHE'] = cache
    if args.n is not None and args.n < len(texts):
        idx = np.random.RandomState(args.seed).permutation(len(texts))[:args.n]
        texts = [texts[i] for i in sorted(idx)]
    n = len(texts)
    load0 = os.getloadavg()
    print(f'{n:,} reviews, {n_workers} workers, {os.cpu_count()} CPUs ({cpu_model()}), load avg {load0[0]:.1f}', file=sys.stderr)

    # fastai runs before and after our cold run, so a change in machine load shows as a gap between its two rows.
    rows = []
    ref, t = timed(lambda: list(fastai_tokenize_texts(texts, n_workers=n_workers)))
    n_toks = sum(len(o) for o in ref)
    rows.append(('fastai `tokenize_texts` (rules + spaCy, parallel), run 1', t))
    print(f'fastai: {t:.1f}s', file=sys.stderr)

    cold, t = timed(lambda: tokenize_texts(texts, n_workers=n_workers, progress=False))
    assert TOK_STATS['tokenized'] == len(set(texts)), TOK_STATS
    same = all(list(a) == b for a, b in zip(ref, cold)) and len(ref) == len(cold)
    del ref
    rows.append(('ulmfit_nb `tokenize_texts`, cold cache', t))
    print(f'ours cold: {t:.1f}s', file=sys.stderr)

    _, t = timed(lambda: len(fastai_tokenize_texts(texts, n_workers=n_workers)))
    rows.append(('fastai `tokenize_texts`, run 2', t))
    print(f'fastai: {t:.1f}s', file=sys.stderr)

    warm, t = timed(lambda: tokenize_texts(texts, n_workers=n_workers, progress=False))
    assert TOK_STATS['tokenized'] == len(set(texts)) and warm == cold, 'warm run did tokenization work'
    rows.append(('ulmfit_nb `tokenize_texts`, warm cache', t))
    print(f'ours warm: {t:.1f}s', file=sys.stderr)
    load1 = os.getloadavg()
    db = Path(cache)/'tok'/'tokens.sqlite'

    lines = [f'{n:,} IMDb reviews (train+test), {n_toks:,} tokens, {n_workers} workers; '
             f'{os.cpu_count()} CPUs, {cpu_model()}; load average {load0[0]:.1f} before, {load1[0]:.1f} after; '
             f'identical tokens: {same}; cache file {db.stat().st_size/2**20:.0f} MiB',
             '', '| path | seconds | reviews/s | tokens/s |', '| --- | ---: | ---: | ---: |']
    lines += [f'| {name} | {t:.1f} | {n/t:,.0f} | {n_toks/t:,.0f} |' for name, t in rows]
    table = '\n'.join(lines)
    print(table)
    if args.out: args.out.write_text(table + '\n')
    import shutil; shutil.rmtree(cache, ignore_errors=True)
    if not same: sys.exit('token mismatch between fastai and ulmfit_nb')


if __name__ == '__main__': main()
