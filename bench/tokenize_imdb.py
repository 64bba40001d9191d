"""Tokenization benchmark on full IMDb (train+test, 50,000 labelled reviews) from the data mirror.

Compares, on the same texts, with 1 and then 2 worker processes:
  - fastai: `fastai.text.core.tokenize_texts` (fastai's default rules + spaCy through `parallel_tokenize`, the path
    `Tokenizer.from_df`/`TextBlock` use), no cache;
  - ulmfit_nb cold: `ulmfit_nb.tokenization.tokenize_texts` with an empty cache (`iter_tokens`: blocks of 5,000
    texts; `word_tokens_parallel` on a pool of workers kept for every block, each worker's `PieceTokenizer`
    tokenizing each distinct piece once; the SQLite token cache filled block by block);
and, once, ulmfit_nb warm (the same call again, served from the cache the last cold run filled). Every timed run is
a fresh Python process, as a user's would be: no spaCy vocab or piece table left by an earlier run (worker processes
fork from their parent and would inherit them), and no other run's token lists in memory. The two paths alternate
(fastai first with 1 worker, ours first with 2), so that a change in machine load does not favour one. Every run's
tokens are checked identical to fastai's (a digest per text). Prints a Markdown table (reviews/s, tokens/s,
speed-up) and the peak resident memory of each run's main process.

Usage (repo root, venv active, ULMFIT_DATA pointing at the mirror):
    python bench/tokenize_imdb.py [--n 5000] [--workers 1,2] [--out bench/results/tokenize_imdb.md]
"""
import argparse, hashlib, json, os, platform, resource, shutil, subprocess, sys, tempfile, time
from pathlib import Path


def cpu_model() -> str:
    try:
        out = subprocess.run(['lscpu'], capture_output=True, text=True).stdout
        return next(l.split(':', 1)[1].strip() for l in out.splitlines() if l.startswith('Model name'))
    except Exception: return platform.processor() or 'unknown'


def bench_texts(n, seed) -> list:
    "The reviews a run tokenizes: all 50,000, or a random subset of `n` in their original order."
    import numpy as np
    from ulmfit_nb.data import imdb_df
    texts = imdb_df().text.tolist()   # read with the normal cache (the archive is extracted once there)
    if n is not None and n < len(texts):
        idx = np.random.RandomState(seed).permutation(len(texts))[:n]
        texts = [texts[i] for i in sorted(idx)]
    return texts


def one_run(path, workers, n, seed) -> dict:
    "In this (fresh) process: time one tokenization of the reviews by `path` ('fastai', 'ours_cold' or 'ours_warm'); seconds, token count, digests."
    texts = bench_texts(n, seed)
    if path == 'fastai':
        from fastai.text.core import tokenize_texts as fastai_tokenize_texts
        t0 = time.perf_counter(); toks = [list(o) for o in fastai_tokenize_texts(texts, n_workers=workers)]
    else:
        from ulmfit_nb.tokenization import tokenize_texts, TOK_STATS
        t0 = time.perf_counter(); toks = tokenize_texts(texts, n_workers=workers, progress=False)
    seconds = time.perf_counter() - t0
    if path == 'ours_cold': assert TOK_STATS['tokenized'] == len(set(texts)), TOK_STATS
    return dict(seconds=seconds, n_texts=len(texts), n_tokens=sum(map(len, toks)),
                peak_gib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20,   # KiB -> GiB (main process)
                digests=[hashlib.blake2b(json.dumps(o).encode(), digest_size=8).hexdigest() for o in toks])


def spawn(path, workers, cache, args) -> dict:
    "`one_run` in a new Python process with the token cache in `cache`."
    env = dict(os.environ, ULMFIT_CACHE=str(cache), PYTHONWARNINGS='ignore')
    out = Path(cache)/'result.json'
    cmd = [sys.executable, __file__, '--child', path, '--workers', str(workers), '--result', str(out), '--seed', str(args.seed)]
    if args.n is not None: cmd += ['--n', str(args.n)]
    subprocess.run(cmd, env=env, check=True)
    return json.loads(out.read_text())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--n', type=int, default=None, help='use a random subset of this many reviews (default: all 50,000)')
    ap.add_argument('--workers', default='1,2', help='worker counts to time, comma-separated')
    ap.add_argument('--out', type=Path, default=None, help='also write the Markdown table to this file')
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--child', choices=['fastai', 'ours_cold', 'ours_warm'], help=argparse.SUPPRESS)
    ap.add_argument('--result', type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        args.result.write_text(json.dumps(one_run(args.child, int(args.workers), args.n, args.seed)))
        return

    from ulmfit_nb.data import cache_dir
    bench_texts(args.n, args.seed)  # the archive extracted once, in the normal cache; every run's cache links to it
    work = Path(tempfile.mkdtemp(prefix='tokbench-'))
    load0 = os.getloadavg()
    print(f'{os.cpu_count()} CPUs ({cpu_model()}), load avg {load0[0]:.1f}', file=sys.stderr)
    rows, ref, same, cold_cache = [], None, True, None
    def run(path, w, label):
        nonlocal ref, same, cold_cache
        if path == 'ours_warm': cache = cold_cache   # the cache the last cold run filled
        else:
            cache = work/f'cache_{len(rows)}'; cache.mkdir()
            (cache/'data').symlink_to(cache_dir('data'), target_is_directory=True)  # the extracted archive, shared
        r = spawn(path, w, cache, args)
        if path == 'ours_cold': cold_cache = cache
        if ref is None: ref = r
        same = same and r['digests'] == ref['digests']
        rows.append((label, w if path != 'ours_warm' else 0, r))
        print(f"{label}: {r['seconds']:.1f}s, peak {r['peak_gib']:.1f} GiB", file=sys.stderr)
    try:
        for k, w in enumerate(int(x) for x in args.workers.split(',')):
            wl = f'{w} worker{"s" if w > 1 else ""}'
            pair = [('fastai', w, f'fastai `tokenize_texts`, {wl}'), ('ours_cold', w, f'ulmfit_nb `tokenize_texts`, cold cache, {wl}')]
            for p in (pair if k % 2 == 0 else pair[::-1]): run(*p)
        run('ours_warm', 0, 'ulmfit_nb `tokenize_texts`, warm cache')
        db = cold_cache/'tok'/'tokens.sqlite'
        db_mib = db.stat().st_size / 2**20
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load1 = os.getloadavg()
    n, n_toks = ref['n_texts'], ref['n_tokens']
    fastai_t = {w: r['seconds'] for name, w, r in rows if name.startswith('fastai')}
    ours_t = {w: r['seconds'] for name, w, r in rows if 'cold' in name}
    lines = [f'{n:,} IMDb reviews (train+test), {n_toks:,} tokens; {os.cpu_count()} CPUs, {cpu_model()}; '
             f'load average {load0[0]:.1f} before, {load1[0]:.1f} after; each run a fresh process; identical tokens in every run: {same}; '
             f'cache file {db_mib:.0f} MiB', '',
             '| path | seconds | reviews/s | tokens/s | vs fastai, same workers | peak memory, GiB |', '| --- | ---: | ---: | ---: | ---: | ---: |']
    def row(name, w, r):
        t = r['seconds']
        vs = f'{fastai_t[w] / t:.2f}x' if w and not name.startswith('fastai') else ''
        return f"| {name} | {t:.1f} | {n / t:,.0f} | {n_toks / t:,.0f} | {vs} | {r['peak_gib']:.1f} |"
    lines += [row(*o) for o in rows]
    if 1 in ours_t and 2 in ours_t:
        lines += ['', f'2 workers against 1: ulmfit_nb {ours_t[1]/ours_t[2]:.2f}x, fastai {fastai_t[1]/fastai_t[2]:.2f}x']
    table = '\n'.join(lines)
    print(table)
    if args.out: args.out.write_text(table + '\n')
    if not same: sys.exit('token mismatch between fastai and ulmfit_nb')


if __name__ == '__main__': main()
