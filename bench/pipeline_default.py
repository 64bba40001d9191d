"""Benchmark: wall time of the default `ulmfit train` (embedded review corpus, tiny preset, forward + backward) on
this machine's CPU, with the validation accuracy, next to a TF-IDF + logistic-regression baseline and the
majority-class rate on the same split.

Usage (repo root, venv active): python bench/pipeline_default.py [--threads 1,2] [--ablation] [--out bench/out/default]
Each run gets a fresh token cache (as on a fresh machine). Prints a Markdown table. With --ablation, also trains
(at the last thread count) from random weights (`--pretrained none`) and with the book's discriminative learning
rates (`--clas-lr-mult 45.6976`, 2.6**4), everything else the default's.
"""
import argparse, json, os, platform, shutil, subprocess, sys, tempfile, time
from pathlib import Path

def cpu_model():
    try: return next(l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name'))
    except Exception: return platform.processor()

def tfidf_baseline(df):
    "Validation accuracy and seconds of TF-IDF (1-2 grams) + logistic regression trained on the training rows."
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    t = time.time()
    tr, va = df[~df.is_valid], df[df.is_valid]
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    m = LogisticRegression(C=10, max_iter=2000).fit(vec.fit_transform(tr.text), tr.label)
    return float((m.predict(vec.transform(va.text)) == va.label).mean()), time.time() - t

def run_train(out, threads, extra=()):
    "Run `ulmfit train` into `out` with a fresh token cache; return wall seconds and the COMPLETE.json summary."
    if out.exists(): shutil.rmtree(out)
    cache = Path(tempfile.mkdtemp(prefix='ulmfit-bench-cache-'))
    env = dict(os.environ, ULMFIT_CACHE=str(cache))
    ulmfit = Path(sys.executable).parent/'ulmfit'
    t = time.time()
    subprocess.run([str(ulmfit), 'train', '--out', str(out), '--threads', str(threads), *extra], check=True, env=env)
    wall = time.time() - t
    shutil.rmtree(cache, ignore_errors=True)
    return wall, json.loads((out/'COMPLETE.json').read_text())

def acc_cell(s):
    return f"fwd {s['fwd_accuracy']:.3f}, bwd {s.get('bwd_accuracy', float('nan')):.3f}, ensemble {s['ensemble_accuracy']:.3f}"



def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--threads', default='1,2', help='torch thread counts to time, comma-separated')
    p.add_argument('--ablation', action='store_true', help='also train from random weights and with the book\'s 2.6**4 ratio')
    p.add_argument('--out', default='bench/out/default')
    a = p.parse_args()
    rows = []
    threads = [int(x) for x in a.threads.split(',')]
    for n in threads:
        wall, s = run_train(Path(a.out)/f'threads{n}', n)
        rows.append((f'`ulmfit train --threads {n}` (embedded corpus, tiny, fwd+bwd, cold token cache)', wall, s))
    last = (Path(a.out)/f'threads{threads[-1]}'/'summary.md').read_text()
    if a.ablation:
        for name, extra in [('pretrained_none', ['--pretrained', 'none']), ('book_lr_mult', ['--clas-lr-mult', f'{2.6**4:.4f}'])]:
            wall, s = run_train(Path(a.out)/name, threads[-1], extra)
            rows.append((f"`ulmfit train --threads {threads[-1]} {' '.join(extra)}`", wall, s))
    from ulmfit_nb.data import load_data
    df, _ = load_data(None)
    acc_b, t_b = tfidf_baseline(df)
    maj, cls = rows[0][2]['majority_accuracy'], rows[0][2]['majority_class']  # as the run's summary reports it
    load = os.getloadavg()
    print(f'\nmachine: {os.cpu_count()} CPU cores ({cpu_model()}); load average before the last run: {load[0]:.1f}\n')
    print(f'| run | wall time (s) | valid accuracy ({int(df.is_valid.sum())} reviews) |\n|---|---|---|')
    for name, wall, s in rows: print(f"| {name} | {wall:.0f} | {acc_cell(s)} |")
    print(f'| TF-IDF 1-2 grams + logistic regression, same split | {t_b:.1f} | {acc_b:.3f} |')
    print(f'| always answering {cls!r} (the majority class) | | {maj:.3f} |')
    print(f'\nper stage (`--threads {threads[-1]}`):\n'); print(last)

if __name__ == '__main__': main()
