"""`ulmfit train` with the two directions one after the other (the default) against `--parallel-directions`.

Usage (repo root, venv active): python bench/pipeline_parallel.py [--data D] [--repeats 2] [-- more train args]
Each run tokenizes with a fresh token cache (as on a fresh machine) into a temporary run directory; the two modes
alternate, sequential first, so that a change in the machine's load does not favour one. Prints a Markdown table:
wall time, the time of the four training stages, and the accuracies (validation, and test when the data has one).
"""
import argparse, json, os, subprocess, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from pipeline_default import cpu_model

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--data', default=None); ap.add_argument('--repeats', type=int, default=2)
    a, extra = ap.parse_known_args()
    extra = [x for x in extra if x != '--']
    rows, tmp = [], Path(tempfile.mkdtemp(prefix='bench-parallel-'))
    for rep in range(a.repeats):
        for mode, flag in [('one direction after the other', []), ('--parallel-directions', ['--parallel-directions'])]:
            out = tmp/f'{rep}-{len(flag)}'
            env = {**os.environ, 'ULMFIT_CACHE': str(tmp/f'cache-{rep}-{len(flag)}'), 'PYTHONWARNINGS': 'ignore'}
            if os.environ.get('ULMFIT_CACHE'):  # keep the extracted data, not the token cache
                (tmp/f'cache-{rep}-{len(flag)}').mkdir(); os.symlink(Path(os.environ['ULMFIT_CACHE'])/'data', tmp/f'cache-{rep}-{len(flag)}'/'data')
            cmd = [sys.executable, '-m', 'ulmfit_nb.cli', 'train', '--out', str(out), *(['--data', a.data] if a.data else []), *flag, *extra]
            load = os.getloadavg()[0]
            t = time.time(); r = subprocess.run(cmd, env=env, capture_output=True, text=True); secs = time.time() - t
            if r.returncode: sys.exit(f'{cmd} failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}')
            done = json.loads((out/'COMPLETE.json').read_text())
            st = {s: json.loads((out/'stages'/f'{s}.json').read_text()) for s in ('lm_fwd', 'clas_fwd', 'lm_bwd', 'clas_bwd')}
            train_s = (sum(v['seconds'] for v in st.values()) if not flag else
                       max(st['lm_fwd']['seconds'] + st['clas_fwd']['seconds'], st['lm_bwd']['seconds'] + st['clas_bwd']['seconds']))
            test = done.get('test', {})
            rows.append((mode, secs, train_s, done['fwd_accuracy'], done['bwd_accuracy'], done['ensemble_accuracy'],
                         test.get('ensemble_accuracy'), load))
            print(f'# {mode}: {secs:.1f} s', file=sys.stderr)
    print(f"`ulmfit train{' --data ' + a.data if a.data else ''} {' '.join(extra)}`, {os.cpu_count()} CPUs ({cpu_model()}), "
          f"{time.strftime('%Y-%m-%d')}\n")
    print('| mode | wall s | training stages s | valid fwd | valid bwd | valid ensemble | test ensemble | load at start |')
    print('| --- | --- | --- | --- | --- | --- | --- | --- |')
    for m, s, ts, f, b, e, te, l in rows:
        print(f"| {m} | {s:.1f} | {ts:.1f} | {f:.3f} | {b:.3f} | {e:.3f} | {'' if te is None else f'{te:.3f}'} | {l:.2f} |")

if __name__ == '__main__': main()
