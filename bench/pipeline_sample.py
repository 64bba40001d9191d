"""Benchmark: `ulmfit train --data imdb_sample` end to end (time, accuracy) next to a TF-IDF + logistic-regression
baseline measured in the same run, and the throughput of batched `predict` against one text at a time.

Usage (repo root, venv active, ULMFIT_DATA set when offline):
    python bench/pipeline_sample.py [--preset tiny] [--threads 1] [--out bench/out/sample] [-- extra train options]
Prints Markdown tables.
"""
import argparse, json, os, shutil, subprocess, sys, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from pipeline_default import cpu_model, tfidf_baseline, run_train, acc_cell

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--preset', default='tiny')
    p.add_argument('--threads', type=int, default=1, help='torch threads (1 was fastest for the tiny model on the shared 2-core machine)')
    p.add_argument('--out', default='bench/out/sample')
    p.add_argument('--n-predict', type=int, default=1000, help='texts for the predict throughput test')
    p.add_argument('extra', nargs='*', help='extra `ulmfit train` options (after --)')
    a = p.parse_args()
    out = Path(a.out)
    ulmfit = str(Path(sys.executable).parent/'ulmfit')
    extra = ['--data', 'imdb_sample', '--preset', a.preset] + a.extra
    wall, s = run_train(out, a.threads, extra)

    import torch; torch.set_num_threads(a.threads)
    from ulmfit_nb.data import imdb_sample_df
    from ulmfit_nb.ensemble import Predictor
    df = imdb_sample_df()
    acc_b, t_b = tfidf_baseline(df)
    print(f'\nmachine: {os.cpu_count()} CPU cores ({cpu_model()}), torch threads {a.threads}\n')
    print(f"command: `ulmfit train --out {out} --threads {a.threads} {' '.join(extra)}` (fresh token cache)\n")
    print('| run | time (s) | valid accuracy (200 reviews) |\n|---|---|---|')
    print(f"| ULMFiT `{a.preset}` preset, fwd+bwd, end to end | {wall:.0f} | {acc_cell(s)} |")
    print(f'| TF-IDF 1-2 grams + logistic regression | {t_b:.1f} | {acc_b:.3f} |')
    print('\nper stage:\n'); print((out/'summary.md').read_text())

    pred = Predictor.load(out)
    texts = (df.text.tolist() * (a.n_predict // len(df) + 1))[:a.n_predict]
    rows = []
    # a distinct tag per mode, so that no mode reuses another's cached tokenization
    tag = lambda ts, k: [f'{x} ({k})' for x in ts]
    for bs in (64, 16):
        t = time.time(); pred.predict(tag(texts, f'bs{bs}'), bs=bs); dt = time.time() - t
        rows.append((f'batched, bs={bs}', len(texts), dt))
    n1 = min(100, len(texts))
    t = time.time()
    for x in tag(texts[:n1], 'one'): pred.predict([x], bs=1)
    rows.append(('one text at a time', n1, time.time() - t))
    f = out/'predict_in.csv'
    import pandas as pd; pd.DataFrame({'text': tag(texts, 'cli')}).to_csv(f, index=False)
    t = time.time()
    subprocess.run([ulmfit, 'predict', '--model', str(out), '--csv', str(f), '--output', str(out/'pred.csv'), '--threads', str(a.threads)], check=True)
    rows.append(('`ulmfit predict --csv` (process start, load, tokenize, predict, write)', len(texts), time.time() - t))
    print('\n`predict` throughput (IMDb-sample reviews, tokenization included):\n')
    print('| mode | texts | seconds | texts/s |\n|---|---|---|---|')
    for m, n, dt in rows: print(f'| {m} | {n} | {dt:.1f} | {n/dt:.1f} |')

if __name__ == '__main__': main()
