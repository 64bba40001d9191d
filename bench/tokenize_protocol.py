"""The full-IMDb protocol's tokenize stage, before and after: `ulmfit train --data imdb --preset book --stop-after tokenize`.

Runs the same command twice over, alternated (before, after, after, before by default), each on an empty token cache
(the extracted IMDb archive is shared, so neither pays for the extraction). AFTER is this checkout. BEFORE is, by
default (`--before fastai`), this checkout with fastai's own word tokenization (`bench/fastai_word_path.py`: fastai's
`parallel_tokenize` with `WordTokenizer`, what the stage ran before issue 17), or another checkout of ulmfit_nb
(`--before PATH`, e.g. a `git worktree` of an older commit). For each run: the tokenize stage's seconds (from the
run's `stages/tokenize.json`), the command's wall time and its peak resident memory (GNU time: the largest process
of the run); then it checks that the two wrote the same ids, vocab and documents table. Prints a Markdown table.

Usage (repo root, venv active, ULMFIT_DATA pointing at the mirror, the archive already extracted in the cache):
    python bench/tokenize_protocol.py [--before fastai|PATH] [--repeat 2] [--limit N] [--out bench/results/tokenize_protocol.md]
"""
import argparse, json, os, shutil, subprocess, sys, tempfile, time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def run_stage(code, cache: Path, out: Path, limit) -> dict:
    "Run the tokenize stage with the ulmfit_nb in `code` ('fastai': this one, on fastai's word path); return seconds, wall time and peak RSS."
    env = dict(os.environ, PYTHONPATH=str(HERE if code == 'fastai' else code), ULMFIT_CACHE=str(cache), PYTHONWARNINGS='ignore')
    entry = [str(HERE/'bench'/'fastai_word_path.py')] if code == 'fastai' else ['-m', 'ulmfit_nb.cli']
    cmd = ['/usr/bin/time', '-f', '%M', sys.executable, *entry, 'train', '--data', 'imdb', '--preset', 'book',
           '--out', str(out), '--stop-after', 'tokenize'] + (['--limit', str(limit)] if limit else [])
    cwd = HERE if code == 'fastai' else code  # (`python -m` puts the working folder first on the path)
    found = subprocess.run([sys.executable, '-c', 'import ulmfit_nb; print(ulmfit_nb.__file__)'], env=env, cwd=cwd,
                           capture_output=True, text=True).stdout.strip()
    if not found.startswith(str(cwd)): sys.exit(f'{code}: imports ulmfit_nb from {found}, not from that checkout')
    t0 = time.perf_counter()
    p = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode: sys.exit(f'{code}: exit {p.returncode}\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}')
    peak_kib = int(p.stderr.strip().splitlines()[-1])
    info = json.loads((out/'stages'/'tokenize.json').read_text())
    return dict(seconds=info['seconds'], wall=wall, peak_gib=peak_kib / 2**20, n_tokens=info['n_tokens'], n_texts=info['n_texts'] + info['n_lm_only'])


def same_outputs(a: Path, b: Path) -> bool:
    "The two runs' ids, vocab and documents table are the same."
    import numpy as np, gzip
    za, zb = np.load(a/'tokenize'/'ids.npz'), np.load(b/'tokenize'/'ids.npz')
    arrays = sorted(za.files) == sorted(zb.files) and all(np.array_equal(za[k], zb[k]) for k in za.files)
    vocab = json.loads((a/'tokenize'/'proc.json').read_text())['vocab'] == json.loads((b/'tokenize'/'proc.json').read_text())['vocab']
    docs = gzip.decompress((a/'tokenize'/'docs.jsonl.gz').read_bytes()) == gzip.decompress((b/'tokenize'/'docs.jsonl.gz').read_bytes())
    return arrays and vocab and docs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--before', default='fastai', help="'fastai' (this checkout on fastai's word path) or a checkout of ulmfit_nb (repo root)")
    ap.add_argument('--limit', type=int, default=None, help="the run's --limit (labelled reviews); default: all of IMDb")
    ap.add_argument('--out', type=Path, default=None, help='also write the Markdown table to this file')
    ap.add_argument('--repeat', type=int, default=2, help='runs of each (2: before, after, after, before)')
    args = ap.parse_args(argv)
    data = Path(os.environ.get('ULMFIT_CACHE', HERE/'.cache'))/'data'
    if not data.is_dir(): sys.exit(f'{data}: no extracted data; run the stage once first')
    work = Path(tempfile.mkdtemp(prefix='tokproto-'))
    codes = {'before': args.before if args.before == 'fastai' else Path(args.before).resolve(), 'after': HERE}
    order = ['before', 'after', 'after', 'before'][:2 * args.repeat] if args.repeat <= 2 else ['before', 'after'] * args.repeat
    runs = []
    try:
        cache = work/'cache'; cache.mkdir()
        (cache/'data').symlink_to(data)  # the extracted archive, shared (the same paths in both runs' tables)
        for k, name in enumerate(order):
            for d in cache.iterdir():
                if d.name != 'data': shutil.rmtree(d)  # the token cache starts empty
            load = os.getloadavg()[0]
            out = work/f'run_{k}_{name}'
            r = dict(run_stage(codes[name], cache, out, args.limit), load=load, name=name, out=out)
            runs.append(r)
            print(f"{name}: {r['seconds']:.1f} s stage, {r['wall']:.1f} s wall, {r['peak_gib']:.2f} GiB, load {load:.1f}", file=sys.stderr)
        first = {n: next(r['out'] for r in runs if r['name'] == n) for n in codes}
        same = same_outputs(first['before'], first['after'])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    mean = lambda n, k: sum(r[k] for r in runs if r['name'] == n) / sum(r['name'] == n for r in runs)
    a = runs[-1]
    lines = [f"`ulmfit train --data imdb --preset book --stop-after tokenize`{f' --limit {args.limit}' if args.limit else ''}: "
             f"{a['n_texts']:,} texts, {a['n_tokens']:,} tokens, cold token cache; {os.cpu_count()} CPUs; before: {codes['before']}; runs in the order "
             f"{', '.join(order)}; identical ids, vocab and documents: {same}", '',
             '| run | code | tokenize stage, s | wall, s | peak RSS, GiB | load before |', '| --- | --- | ---: | ---: | ---: | ---: |']
    lines += [f"| {k + 1} | {r['name']} | {r['seconds']:.1f} | {r['wall']:.1f} | {r['peak_gib']:.2f} | {r['load']:.1f} |" for k, r in enumerate(runs)]
    lines += ['', f"means: before {mean('before', 'seconds'):.1f} s, after {mean('after', 'seconds'):.1f} s: the stage "
              f"{mean('before', 'seconds') / mean('after', 'seconds'):.2f}x faster; peak RSS {mean('before', 'peak_gib'):.2f} "
              f"and {mean('after', 'peak_gib'):.2f} GiB"]
    table = '\n'.join(lines)
    print(table)
    if args.out: args.out.write_text(table + '\n')
    if not same: sys.exit('the two runs wrote different outputs')


if __name__ == '__main__': main()
