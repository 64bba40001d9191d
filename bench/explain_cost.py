"""Time `Predictor.explain` (leave-one-out word weights) against `Predictor.predict` on one text, by text length.

Usage (from the repo root, venv active): python bench/explain_cost.py --model RUN_DIR [--repeats 3] [--threads 1]
Texts are the first words of the IMDb sample's reviews joined, cut to 50/100/200/400 words; for each length, predict
(the baseline) and explain are timed alternately, `--repeats` times, and the median is printed as a Markdown table.
"""
import argparse, os, platform, statistics, time

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', required=True, help='a trained run directory or predictor file')
    ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--threads', type=int, default=1, help='torch threads (default: 1, as `ulmfit serve` on a busy machine)')
    a = ap.parse_args()
    import torch
    torch.set_num_threads(a.threads)
    from ulmfit_nb.ensemble import Predictor
    from ulmfit_nb.data import imdb_sample_df
    p = Predictor.load(a.model, device='cpu')
    words = ' '.join(imdb_sample_df().text.tolist()[:10]).split()
    p.explain('Warming up.'); p.predict('Warming up.')
    print(f"model {a.model} ({'+'.join(p.models)}), torch threads {a.threads}, {os.cpu_count()} CPUs ({platform.processor() or platform.machine()})\n")
    print('| words | tokens | predict ms (baseline) | explain ms | ratio |')
    print('| --- | --- | --- | --- | --- |')
    for n in (50, 100, 200, 400):
        text = ' '.join(words[:n])
        n_tok = len(p.proc.tokenize([text], cache=False, progress=False)[0])
        tp, te = [], []
        for _ in range(a.repeats):
            t = time.perf_counter(); p.predict(text); tp.append(time.perf_counter() - t)
            t = time.perf_counter(); p.explain(text); te.append(time.perf_counter() - t)
        mp, me = statistics.median(tp) * 1000, statistics.median(te) * 1000
        print(f'| {n} | {n_tok} | {mp:.0f} | {me:.0f} | {me / mp:.0f}× |')

if __name__ == '__main__': main()
