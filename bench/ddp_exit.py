"""Benchmark (reliability): how often a 2-process gloo job aborts at exit after finishing its work, ending with
Python's normal shutdown (the baseline) against `exit_process` (what `ulmfit train` and `tools/ddp_smoke.py` do).

Each launch is `torchrun --nproc_per_node 2` of this file in worker mode. A worker does what the end of a training
script does: it wraps a model in DDP, runs a few `broadcast_object` calls (the pipeline's last collectives), leaves
the process group, then exits. The two ways are alternated in the same run. Prints a Markdown table.

Usage (repo root, venv active): python bench/ddp_exit.py [--launches 30]
"""
import argparse, os, platform, sys, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from pipeline_default import cpu_model

def worker(mode:str):
    import torch
    from fastai.torch_core import rank_distrib
    from ulmfit_nb.core import broadcast_object
    from ulmfit_nb.distributed import init_distributed, cleanup_distributed, exit_process
    init_distributed()
    torch.nn.parallel.DistributedDataParallel(torch.nn.Linear(2, 2))
    for i in range(3): broadcast_object({'i': i} if rank_distrib() == 0 else None)
    cleanup_distributed()
    if mode == 'exit_process': exit_process(0)
    sys.exit(0)  # Python's shutdown

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--launches', type=int, default=30, help='launches of each way')
    p.add_argument('--worker', choices=['shutdown', 'exit_process'], help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.worker: return worker(a.worker)
    from ulmfit_nb.testing import launch
    import torch
    res = {m: dict(failed=0, aborts=0, seconds=0.0) for m in ('shutdown', 'exit_process')}
    for i in range(a.launches):
        for m, r in res.items():
            t = time.time()
            try: launch(__file__, '--worker', m, timeout=120)
            except RuntimeError as e:
                r['failed'] += 1
                r['aborts'] += 'SIGABRT' in str(e) or 'terminate called' in str(e)
            r['seconds'] += time.time() - t
        print(f'launch {i+1}/{a.launches}: ' + ', '.join(f"{m} {r['failed']} failed" for m, r in res.items()), file=sys.stderr)
    print(f'\nmachine: {os.cpu_count()} CPU cores ({cpu_model()}); load average: {os.getloadavg()[0]:.1f}; '
          f'torch {torch.__version__}, Python {platform.python_version()}; {a.launches} launches of each, alternated\n')
    print('| process exit | failed launches | of which aborted (SIGABRT) | mean s per launch |')
    print('|---|---:|---:|---:|')
    for m, r in res.items():
        print(f"| {'Python shutdown (baseline)' if m == 'shutdown' else '`exit_process`'} | {r['failed']}/{a.launches} | "
              f"{r['aborts']} | {r['seconds']/a.launches:.1f} |")

if __name__ == '__main__': main()
