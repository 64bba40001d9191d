"""Tokenization benchmark on full IMDb (train+test, 50,000 labelled reviews) from the data mirror.

Compares, on the same texts in the same run, with 1 and then 2 worker processes:
  - fastai: `fastai.text.core.tokenize_texts` (fastai's default rules + spaCy through `parallel_tokenize`, the path
    `Tokenizer.from_df`/`TextBlock` use), no cache;
  - ulmfit_nb cold: `ulmfit_nb.tokenization.tokenize_texts` with an empty cache (`iter_tokens`: blocks of 5,000
    texts; `word_tokens_parallel` on a pool of workers kept for every block, each worker's `PieceTokenizer`
    tokenizing each distinct piece once; the SQLite token cache filled block by block);
and, once, ulmfit_nb warm (the same call again, served from the cache). The two paths alternate (fastai first with
1 worker, ours first with 2), so that a change in machine load does not favour one. Every run's tokens are checked
identical to fastai's. Prints a Markdown table (reviews/s, tokens/s, speed-up) and the peak resident memory.

Usage (repo root, venv active, ULMFIT_DATA pointing at the mirror):
    python bench/tokenize_imdb.py [--n 5000] [--workers 1,2] [--out bench/tokenize_imdb.md]
"""
import argparse, os, platform, resource, subprocess, sys, tempfile, time
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
    ap.add_argument('--workers', default='1,2', help='worker counts to time, comma-separated')
    ap.add_argument('--out', type=Path, default=None, help='also write the Markdown table to this file')
    ap.add_argument('--seed', type=int, default=0)
    args = ap.parse_args(argv)

    import numpy as np
    from fastai.text.core import tokenize_texts as fastai_tokenize_texts
    from ulmfit_nb.data import imdb_df
    from ulmfit_nb.tokenization import tokenize_texts, TOK_STATS

    texts = imdb_df().text.tolist()   # read with the normal cache (the archive is extracted once there)
    if args.n is not None and args.n < len(texts):
        idx = np.random.RandomState(args.seed).permutation(len(texts))[:args.n]
        texts = [texts[i] for i in sorted(idx)]
    n = len(texts)
    load0 = os.getloadavg()
    print(f'{n:,} reviews, {os.cpu_count()} CPUs ({cpu_model()}), load avg {load0[0]:.1f}', file=sys.stderr)

    rows, ref, caches, same = [], None, [], True
    def fastai_run(w):
        nonlocal ref
        toks, t = timed(lambda: [list(o) for o in fastai_tokenize_texts(texts, n_workers=w)])
        if ref is None: ref = toks
        rows.append((f'fastai `tokenize_texts`, {w} worker{"s" if w > 1 else ""}', w, t))
        print(f'fastai {w}: {t:.1f}s', file=sys.stderr)
    def ours_run(w):
        nonlocal same
        cache = tempfile.mkdtemp(prefix='tokbench-'); caches.append(cache)
        os.environ['ULMFIT_CACHE'] = cache  # a fresh token cache: this run is cold (`cache_dir` reads it at each call)
        TOK_STATS.clear()
        toks, t = timed(lambda: tokenize_texts(texts, n_workers=w, progress=False))
        assert TOK_STATS['tokenized'] == len(set(texts)), TOK_STATS
        if ref is not None: same = same and toks == ref
        rows.append((f'ulmfit_nb `tokenize_texts`, cold cache, {w} worker{"s" if w > 1 else ""}', w, t))
        print(f'ours {w}: {t:.1f}s', file=sys.stderr)
        return toks
    for k, w in enumerate(int(x) for x in args.workers.split(',')):
        if k % 2 == 0: fastai_run(w); cold = ours_run(w)
        else: cold = ours_run(w); fastai_run(w)
        same = same and cold == ref
    n_toks = sum(len(o) for o in ref)
    warm, t = timed(lambda: tokenize_texts(texts, progress=False))
    assert warm == cold, 'warm run differs'
    rows.append(('ulmfit_nb `tokenize_texts`, warm cache', 0, t))
    load1 = os.getloadavg()
    db = Path(caches[-1])/'tok'/'tokens.sqlite'
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB -> GiB (this process, not the workers)

    fastai_t = {w: t for name, w, t in rows if name.startswith('fastai')}
    lines = [f'{n:,} IMDb reviews (train+test), {n_toks:,} tokens; {os.cpu_count()} CPUs, {cpu_model()}; '
             f'load average {load0[0]:.1f} before, {load1[0]:.1f} after; identical tokens in every run: {same}; '
             f'cache file {db.stat().st_size/2**20:.0f} MiB; peak memory of the main process {peak:.1f} GiB',
             '', '| path | seconds | reviews/s | tokens/s | vs fastai, same workers |', '| --- | ---: | ---: | ---: | ---: |']
    lines += [f'| {name} | {t:.1f} | {n/t:,.0f} | {n_toks/t:,.0f} | '
              f'{(f"{fastai_t[w]/t:.2f}x" if w and not name.startswith("fastai") else "")} |' for name, w, t in rows]
    table = '\n'.join(lines)
    print(table)
    if args.out: args.out.write_text(table + '\n')
    import shutil
    for c in caches: shutil.rmtree(c, ignore_errors=True)
    if not same: sys.exit('token mismatch between fastai and ulmfit_nb')


if __name__ == '__main__': main()
