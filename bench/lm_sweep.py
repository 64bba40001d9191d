"""Choose the shipped language models' configuration by measurement (issue 28): a sweep over what the asset budget allows.

Each point is an AWD-LSTM size and vocab size that fits the budget (both directions in fp16 within ~9.4 MB), trained
forward on the same fixed number of IMDb tokens (`bench/pretrain_lm.py train`, one thread), then scored two ways:
- the held-out reviews (the IMDb sample's, never trained on): perplexity and next-word accuracy (perplexities of
  different vocab sizes are not comparable: a larger vocab has fewer `xxunk`, which are easy to predict);
- downstream: `ulmfit train --data imdb_sample --forward-only` starting from that language model (the tiny preset's
  schedule: the LM fine-tuned one epoch on the sample, the classifier 1+1+2+4 epochs), test accuracy on the sample's 200
  held-out reviews, for each seed.
The training speed (tokens/s, one thread) is measured too: what a 2-hour budget buys is tokens = speed x time.

Usage (from the repo root, venv active, ULMFIT_DATA set):
    python bench/lm_sweep.py [--tokens 3e6] [--seeds 1,2] [--jobs 2] [--points NAME,...]
Writes bench/results/lm_sweep.json and bench/results/lm_sweep.md (one row per point; re-running skips finished points).
"""
import argparse, json, os, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

POINTS = {  # name: (emb_sz, n_hid, n_layers, max_vocab)
    'e100-h256-v8k': (100, 256, 2, 8000),    # the shipped models of issue 12
    'e100-h384-v8k': (100, 384, 2, 8000),
    'e150-h384-v8k': (150, 384, 2, 8000),
    'e100-h256-l3-v8k': (100, 256, 3, 8000),
    'e100-h256-v16k': (100, 256, 2, 16000),
    'e128-h320-v12k': (128, 320, 2, 12000),
}
RESULTS = Path('bench/results'); OUT = Path('bench/out/sweep')

def params(emb, hid, layers, vocab):
    "Parameters of an AWD-LSTM language model with tied embedding and decoder (the decoder's bias counted)."
    sizes = [emb] + [hid] * (layers - 1) + [emb]
    lstm = sum(4 * o * (i + o) + 8 * o for i, o in zip(sizes[:-1], sizes[1:]))
    return vocab * emb + lstm + vocab

def sh(cmd, log):
    "Run `cmd`, its output appended to `log`; raise if it fails."
    with open(log, 'a') as f: r = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, env={**os.environ, 'OMP_NUM_THREADS': '1'})
    if r.returncode: raise RuntimeError(f"{' '.join(map(str, cmd))} failed with code {r.returncode}: see {log}")

def prepare(vocab):
    "The tokenized corpus with a `vocab`-token vocab (tokens come from the cache after the first time)."
    d = OUT/f'v{vocab}'
    if not (d/'prepare.json').is_file(): sh([sys.executable, 'bench/pretrain_lm.py', 'prepare', '--max-vocab', str(vocab), '--out', str(d)], OUT/'prepare.log')
    return d

def point(name, a):
    "Train the point's forward LM, then score it downstream; return its record."
    emb, hid, layers, vocab = POINTS[name]
    d, log = prepare(vocab), OUT/f'{name}.log'
    rec_f = OUT/'results'/f'pretrain_lm_{name}.json'
    if not rec_f.is_file():
        sh([sys.executable, 'bench/pretrain_lm.py', 'train', '--direction', 'fwd', '--tokens', str(a.tokens), '--emb-sz', str(emb),
            '--n-hid', str(hid), '--n-layers', str(layers), '--out', str(d), '--tag', name, '--results', str(OUT/'results')], log)
    rec = json.loads(rec_f.read_text())
    accs = []
    for seed in a.seeds:
        run = OUT/'runs'/f'{name}-s{seed}'
        if not (run/'COMPLETE.json').is_file():
            sh([sys.executable, '-m', 'ulmfit_nb.cli', 'train', '--data', 'imdb_sample', '--forward-only', '--seed', str(seed),
                '--pretrained-fwd', str(d/f'lm_{name}.pth'), str(d/'vocab.pkl'), '--emb-sz', str(emb), '--n-hid', str(hid),
                '--n-layers', str(layers), '--threads', '1', '--out', str(run)] + (['--resume'] if (run/'config.json').is_file() else []), log)
        accs.append(json.loads((run/'test_metrics.json').read_text())['fwd_accuracy'])
    unk = json.loads((d/'prepare.json').read_text())['unk_rate']
    return dict(point=name, emb_sz=emb, n_hid=hid, n_layers=layers, vocab=vocab, params=params(emb, hid, layers, vocab),
                fp16_mb=round(2 * params(emb, hid, layers, vocab) / 1e6, 2), unk_rate=unk, train_tokens=rec['train_tokens'],
                tokens_per_s=rec['tokens_per_s'], held_out_perplexity=rec['valid_perplexity'], next_word_accuracy=rec['valid_accuracy'],
                test_accuracy=accs, seeds=a.seeds)

def table(rows):
    "The records as a Markdown table."
    head = '| point | emb/hid/layers | vocab | params | fp16 MB | xxunk | tokens/s (1 thread) | held-out ppl | next-word acc | imdb_sample test acc (per seed) | mean |\n|---|---|---|---|---|---|---|---|---|---|---|\n'
    return head + ''.join(f"| {r['point']} | {r['emb_sz']}/{r['n_hid']}/{r['n_layers']} | {r['vocab']:,} | {r['params']/1e6:.2f}M | {r['fp16_mb']} | "
                          f"{r['unk_rate']:.1%} | {r['tokens_per_s']:,} | {r['held_out_perplexity']:.1f} | {r['next_word_accuracy']:.3f} | "
                          f"{', '.join(f'{x:.3f}' for x in r['test_accuracy'])} | {sum(r['test_accuracy'])/len(r['test_accuracy']):.3f} |\n" for r in rows)

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--tokens', type=float, default=3e6, help='training tokens of every point')
    p.add_argument('--seeds', default='1,2', help='seeds of the downstream runs')
    p.add_argument('--jobs', type=int, default=2, help='points trained at the same time (one thread each)')
    p.add_argument('--points', default=','.join(POINTS))
    a = p.parse_args(); a.seeds = [int(s) for s in a.seeds.split(',')]
    OUT.mkdir(parents=True, exist_ok=True); t0 = time.time()
    for v in sorted({POINTS[n][3] for n in a.points.split(',')}): prepare(v)  # (one at a time: they share the token cache)
    with ThreadPoolExecutor(a.jobs) as ex: rows = list(ex.map(lambda n: point(n, a), a.points.split(',')))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS/'lm_sweep.json').write_text(json.dumps(dict(tokens=a.tokens, seeds=a.seeds, rows=rows, minutes=round((time.time()-t0)/60, 1)), indent=2) + '\n')
    (RESULTS/'lm_sweep.md').write_text(f"`python bench/lm_sweep.py --tokens {a.tokens:g} --seeds {','.join(map(str, a.seeds))} --jobs {a.jobs}`\n\n" + table(rows))
    print(table(rows))
