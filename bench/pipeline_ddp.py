"""Benchmark: `ulmfit train` in one process against the same command under `torchrun` with 2 processes (gloo, CPU),
on the embedded review corpus: wall time, per-stage seconds and validation numbers, in the same run.

Usage (repo root, venv active): python bench/pipeline_ddp.py [--nproc 2] [--repeats 2] [--out bench/out/ddp] [-- TRAIN ARGS]
Default train arguments: `--forward-only` (both directions: pass `-- --both`). The token cache is warm (tokenization
is not what is compared). Prints a Markdown table. On a GPU machine, add `-- --preset book --data imdb_sample`.
"""
import argparse, json, os, shutil, subprocess, sys, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from pipeline_default import cpu_model

def run(out:Path, nproc:int, args:list) -> tuple[float, dict, dict]:
    "Run `ulmfit train` into `out` (under torchrun when `nproc` > 1); wall seconds, COMPLETE.json and per-stage seconds."
    if out.exists(): shutil.rmtree(out)
    ulmfit = str(Path(sys.executable).parent/'ulmfit')
    cmd = [ulmfit] if nproc == 1 else [sys.executable, '-m', 'torch.distributed.run', '--standalone', '--nproc_per_node', str(nproc), ulmfit]
    env = dict(os.environ, OMP_NUM_THREADS=str(max(1, (os.cpu_count() or 1) // nproc)))
    t = time.time()
    subprocess.run(cmd + ['train', '--out', str(out), *args], check=True, env=env, stdout=subprocess.DEVNULL)
    wall = time.time() - t
    order = ['tokenize', 'lm_fwd', 'clas_fwd', 'lm_bwd', 'clas_bwd', 'ensemble']
    stages = {p.stem: json.loads(p.read_text())['seconds'] for p in sorted((out/'stages').glob('*.json'), key=lambda p: order.index(p.stem))}
    return wall, json.loads((out/'COMPLETE.json').read_text()), stages

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--nproc', type=int, default=2, help='processes of the distributed run')
    p.add_argument('--repeats', type=int, default=2, help='runs of each, alternated; the best wall time is reported')
    p.add_argument('--out', default='bench/out/ddp')
    p.add_argument('train_args', nargs='*', help='arguments for `ulmfit train` (after --)')
    a = p.parse_args()
    args = a.train_args or ['--forward-only']
    run(Path(a.out)/'warmup', 1, args + ['--lm-epochs', '1', '--clas-epochs', '1,0,0,0'])  # fills the token cache
    res = {}
    for r in range(a.repeats):
        for n in (1, a.nproc):
            wall, summary, stages = run(Path(a.out)/f'nproc{n}', n, args)
            if n not in res or wall < res[n][0]: res[n] = (wall, summary, stages)
    print(f'\nmachine: {os.cpu_count()} CPU cores ({cpu_model()}); load average: {os.getloadavg()[0]:.1f}; '
          f'ulmfit train {" ".join(args)}; best of {a.repeats}\n')
    names = list(res[1][2])
    print('| processes | wall s | ' + ' | '.join(f'{s} s' for s in names) + ' | valid accuracy |')
    print('|---:|---:|' + '---:|' * len(names) + '---|')
    for n, (wall, summary, stages) in res.items():
        acc = ', '.join(f"{k.replace('_accuracy', '')} {v:.3f}" for k, v in summary.items() if k.endswith('accuracy'))
        print(f'| {n} | {wall:.1f} | ' + ' | '.join(f'{stages.get(s, float("nan")):.1f}' for s in names) + f' | {acc} |')

if __name__ == '__main__': main()
