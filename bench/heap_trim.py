"""Benchmark: the C heap of a classifier fit with and without `training.TrimHeap` (glibc's `malloc_trim` every 25
training batches and after the epoch).

Each variant is a process of its own: the `cpu` preset's classifier (the shipped encoder's sizes, `bs=32`, all layers
trainable) trains one epoch of `--batches` batches on IMDb training reviews, and records its resident memory after every
batch. The variants run two at a time, side by side (one torch thread each, as in `ulmfit train
--parallel-directions`), in the order none + trim, then trim + none.

Usage (repo root, venv active, ULMFIT_DATA set when offline):
    python bench/heap_trim.py [--batches 150] [--out bench/results/heap_trim.md]
"""
import argparse, json, os, subprocess, sys, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from pipeline_default import cpu_model

def child(variant:str, n_batches:int):
    "Train one epoch of `n_batches` batches and print one JSON line: memory every 25 batches, peak, end, seconds."
    import numpy as np, torch
    torch.set_num_threads(1)
    from fastai.callback.core import Callback
    from ulmfit_nb.data import imdb_df
    from ulmfit_nb.numericalization import TextProcessor
    from ulmfit_nb.classifier import clas_dataloaders, clas_learner
    from ulmfit_nb.run import make_config, model_config
    from ulmfit_nb.training import FloatLosses, TrimHeap
    df = imdb_df(); df = df[~df.is_valid].sample(n_batches * 32 + 64, random_state=0)
    proc, ids = TextProcessor.fit_encode(df.text.tolist(), kind='word', min_freq=3, max_vocab=12000)
    valid = np.zeros(len(df), bool); valid[-64:] = True
    dls = clas_dataloaders(ids, df.label.tolist(), valid, proc.vocab, classes=['neg', 'pos'], bs=32, seed=0)
    learn = clas_learner(dls, config=model_config(make_config('cpu')), drop_mult=0.7, path='/tmp')
    learn.unfreeze()
    rss = lambda: int(open('/proc/self/statm').read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20
    class Watch(Callback):
        order = 300
        def before_fit(self): self.seen = []
        def after_batch(self):
            if not self.training: return
            self.seen.append(round(rss()))  # (every batch: the peak between two trims is seen too)
    watch, start = Watch(), rss()
    cbs = [watch, FloatLosses()] + ([TrimHeap()] if variant == 'trim' else [])
    t = time.time()
    with learn.no_bar(), learn.no_logging(): learn.fit_one_cycle(1, 1e-3, cbs=cbs)
    print(json.dumps(dict(variant=variant, start=round(start), every_25=watch.seen[12::25], peak=max(watch.seen), mean=round(sum(watch.seen) / len(watch.seen)), end=round(rss()),
                          seconds=round(time.time() - t, 1))), flush=True)

def pair(variants, n_batches):
    "Run the two variants side by side; their JSON results."
    procs = [subprocess.Popen([sys.executable, __file__, '--child', v, '--batches', str(n_batches)], stdout=subprocess.PIPE, text=True,
                              env=dict(os.environ, OMP_NUM_THREADS='1')) for v in variants]
    return [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]

if __name__ == '__main__':
    p = argparse.ArgumentParser()
    p.add_argument('--batches', type=int, default=150)
    p.add_argument('--child', help=argparse.SUPPRESS)
    p.add_argument('--out', default='bench/results/heap_trim.md')
    a = p.parse_args()
    if a.child: child(a.child, a.batches); sys.exit()
    rows = pair(['none', 'trim'], a.batches) + pair(['trim', 'none'], a.batches)
    lines = [f"machine: {os.cpu_count()} CPU cores ({cpu_model()}); {a.batches} batches of 32 IMDb reviews, one epoch, all layers trainable; "
             "two processes side by side, one torch thread each", '',
             '| run | TrimHeap | MiB at start | MiB at batches 13, 38, 63, ... | mean MiB | peak MiB | end MiB | seconds |', '| --- | --- | ---: | --- | ---: | ---: | ---: | ---: |']
    for i, r in enumerate(rows, 1):
        lines.append(f"| {(i + 1) // 2} | {'yes' if r['variant'] == 'trim' else 'no'} | {r['start']:,} | {', '.join(f'{m:,}' for m in r['every_25'])} | "
                     f"{r['mean']:,} | {r['peak']:,} | {r['end']:,} | {r['seconds']} |")
    text = '\n'.join(lines) + '\n'
    Path(a.out).parent.mkdir(parents=True, exist_ok=True); Path(a.out).write_text(text)
    print(text)
