"""Benchmark (issue 29): full IMDb through the project's own command on this CPU,

    ulmfit train --data imdb --preset cpu --parallel-directions

with a fresh token cache (as on a fresh machine: every review tokenized) and the memory of the run's processes
sampled every 10 s, then a Markdown report: the command, each stage's time, the test reviews' accuracies
(`test_metrics.json`) and the peak memory.

Memory: every process of the run (the command, its tokenizer workers and its two direction processes).
PSS counts a page shared between processes once (split between them), so the summed PSS is what the run takes from
the machine; summed RSS counts shared pages once per process and overstates it.

Usage (repo root, venv active, ULMFIT_DATA set when offline):
    python bench/imdb_cpu.py run [--out runs/imdb-cpu] [-- extra train options]   # train, then report
    python bench/imdb_cpu.py report [--out runs/imdb-cpu]                         # report a finished run again
The memory log is `<out>.mem.log` (one line per sample: `unix_time pss_mib=N rss_mib=N`); the report is written
to `bench/results/imdb_cpu.md` and printed.
"""
import argparse, json, os, shutil, subprocess, sys, tempfile, threading, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from pipeline_default import cpu_model

COMMAND = ['train', '--data', 'imdb', '--preset', 'cpu', '--parallel-directions']

def _descendants(pid:int) -> list[int]:
    "`pid` and every process below it."
    children = {}
    for d in Path('/proc').iterdir():
        if not d.name.isdigit(): continue
        try: ppid = int((d/'stat').read_text().rsplit(')', 1)[1].split()[1])
        except (OSError, IndexError, ValueError): continue
        children.setdefault(ppid, []).append(int(d.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop(); out.append(p); todo += children.get(p, [])
    return out

def _memory(pid:int) -> tuple[int, int]:
    "Summed PSS and RSS (MiB) of `pid` and its descendants."
    pss = rss = 0
    for p in _descendants(pid):
        try: fields = dict(l.split(':', 1) for l in Path(f'/proc/{p}/smaps_rollup').read_text().splitlines()[1:])
        except (OSError, ValueError): continue
        pss += int(fields['Pss'].split()[0]); rss += int(fields['Rss'].split()[0])
    return pss // 1024, rss // 1024

def _sample(pid:int, log:Path, stop:threading.Event, every:float=10):
    with log.open('w') as f:
        while not stop.wait(every if f.tell() else 0):
            pss, rss = _memory(pid)
            f.write(f'{int(time.time())} pss_mib={pss} rss_mib={rss}\n'); f.flush()

def run(out:Path, extra:list):
    "Train into `out` with a fresh token cache, sampling memory."
    if out.exists(): sys.exit(f'{out} exists: remove it, or `report` it')
    out.parent.mkdir(parents=True, exist_ok=True)
    cache = Path(tempfile.mkdtemp(prefix='ulmfit-imdb-cpu-cache-'))
    env = dict(os.environ, ULMFIT_CACHE=str(cache), OMP_NUM_THREADS='1', PYTHONUNBUFFERED='1')
    cmd = [str(Path(sys.executable).parent/'ulmfit'), *COMMAND, '--out', str(out), '--log-every', '200', *extra]
    print(' '.join(cmd[1:]), flush=True)
    stop = threading.Event()
    p = subprocess.Popen(cmd, env=env)
    sampler = threading.Thread(target=_sample, args=(p.pid, Path(f'{out}.mem.log'), stop)); sampler.start()
    rc = p.wait(); stop.set(); sampler.join()
    shutil.rmtree(cache, ignore_errors=True)
    if rc: sys.exit(f'ulmfit train exited with {rc}')

def report(out:Path, extra:list=()) -> str:
    "The Markdown report of the finished run in `out`."
    stages = {s: json.loads((out/'stages'/f'{s}.json').read_text()) for s in
              ('tokenize', 'lm_fwd', 'clas_fwd', 'lm_bwd', 'clas_bwd', 'ensemble', 'test')}
    test, status = json.loads((out/'test_metrics.json').read_text()), json.loads((out/'status.json').read_text())
    mem = [dict(kv.split('=') for kv in l.split()[1:]) for l in Path(f'{out}.mem.log').read_text().splitlines() if l.strip()]
    peak = lambda k: max(int(m[k]) for m in mem)
    lines = [f"command: `ulmfit {' '.join(COMMAND + list(extra))}` (fresh token cache)",
             f"machine: {os.cpu_count()} CPU cores ({cpu_model()}), one torch thread per direction process",
             f"run: {status['seconds'] / 60:.1f} minutes ({status['state']}, {status['time']})",
             f"peak memory of the run's processes (sampled every 10 s): {peak('pss_mib') / 1024:.2f} GiB summed PSS, "
             f"{peak('rss_mib') / 1024:.2f} GiB summed RSS", '',
             '| stage | seconds | epochs | result |', '| --- | ---: | ---: | --- |']
    t = stages['tokenize']
    lines.append(f"| tokenize | {t['seconds']:.0f} | | {t['n_texts']:,} labelled + {t['n_lm_only']:,} unlabelled texts, "
                 f"{t['n_tokens']:,} tokens, vocab {t['vocab_size']:,} |")
    for s in ('lm_fwd', 'lm_bwd'):
        i = stages[s]
        what = 'kept as pretrained' if i.get('kept_as_pretrained') else f"perplexity {i.get('perplexity', float('nan')):.2f}"
        lines.append(f"| {s} | {i['seconds']:.0f} | {i['epochs']} | {what} (from {i['started_from']}) |")
    for s in ('clas_fwd', 'clas_bwd'):
        i = stages[s]
        lines.append(f"| {s} | {i['seconds']:.0f} | {i['epochs']} | validation accuracy {i['valid_accuracy']:.4f} ({int(i['n_items']):,} reviews) |")
    lines.append(f"| ensemble | {stages['ensemble']['seconds']:.0f} | | validation accuracy {stages['ensemble']['ensemble_accuracy']:.4f} |")
    lines.append(f"| test | {stages['test']['seconds']:.0f} | | {test['n_test']:,} test reviews, scored once: forward "
                 f"{test['fwd_accuracy']:.4f}, backward {test['bwd_accuracy']:.4f}, ensemble {test['ensemble_accuracy']:.4f} "
                 f"(majority class {test['majority_accuracy']:.4f}) |")
    return '\n'.join(lines) + '\n'

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('mode', choices=['run', 'report'])
    p.add_argument('--out', default='runs/imdb-cpu', type=Path)
    p.add_argument('extra', nargs='*', help='extra `ulmfit train` options (after --)')
    a = p.parse_args()
    if a.mode == 'run': run(a.out, a.extra)
    text = report(a.out, a.extra)
    Path('bench/results').mkdir(parents=True, exist_ok=True)
    Path('bench/results/imdb_cpu.md').write_text(text)
    print(text)
