"""Batched prediction against a loop over fastai's `learn.predict`: same model, same texts, same run.

Usage (from the repo root, venv active, ULMFIT_DATA set):
    python bench/predict_throughput.py [--n 100] [--config tiny|small|book] [--bs 64] [--threads 2] [--mode ids,raw]
Prints a Markdown table per mode:
- `ids`: numericalized texts, so only the model is timed: `predict_ids` against `learn.predict(ids)`.
- `raw`: what a user runs on raw texts. The baseline is a fastai learner built the fastai way (`TextDataLoaders.from_df`,
  `text_classifier_learner`) and `learn.predict(text)` per text, which tokenizes each text; against `Predictor.predict_probs`
  (our tokenization, then `predict_ids`) on the same model weights.
Both modes check that the two paths give the same probabilities. The classifier is untrained: the cost of a forward pass
does not depend on the weights.
"""
import argparse, os, sys, time, warnings
from pathlib import Path
warnings.filterwarnings('ignore')
import torch
from ulmfit_nb.data import imdb_sample_df
from ulmfit_nb.numericalization import TextProcessor
from ulmfit_nb.lm import awd_lstm_config
from ulmfit_nb.classifier import clas_dataloaders, clas_learner, clas_config, predict_ids
sys.path.insert(0, str(Path(__file__).parent))
from pipeline_default import cpu_model

def table(rows):
    print('| method | seconds | texts/s | speed-up |')
    print('| --- | --- | --- | --- |')
    base = rows[0][1]
    for name, t, n in rows: print(f'| {name} | {t:.2f} | {n/t:.1f} | {base/t:.1f}x |')
    print()

def bench_ids(a, df, device):
    proc = TextProcessor.from_texts(df.text, kind='word')
    ids = proc.encode(df.text.tolist(), progress=False)
    dls = clas_dataloaders(ids, df.label, df.is_valid, proc.vocab, bs=a.bs, device=device)
    learn = clas_learner(dls, awd_lstm_config(a.config), precision='fp32')
    texts = [o for o, v in zip(ids, df.is_valid) if v][:a.n]
    with learn.no_bar(), learn.no_logging(): learn.predict(texts[0])  # warm-up
    t = time.perf_counter()
    with learn.no_bar(), learn.no_logging(): loop = torch.stack([learn.predict(o)[2] for o in texts])
    rows = [('loop over `learn.predict(ids)` (baseline)', time.perf_counter() - t, len(texts))]
    for prec in a.precisions.split(','):
        predict_ids(learn, texts[:4], bs=a.bs, precision=prec)  # warm-up
        t = time.perf_counter(); probs = predict_ids(learn, texts, bs=a.bs, precision=prec)
        rows.append((f'`predict_ids(bs={a.bs}, precision={prec!r})`, max abs diff to the loop {(loop - probs).abs().max().item():.1e}', time.perf_counter() - t, len(texts)))
    print(f"### ids: {len(texts)} texts ({sum(len(o) for o in texts):,} tokens)\n")
    table(rows)

def bench_raw(a, df, device):
    from fastai.text.all import TextDataLoaders, text_classifier_learner, AWD_LSTM
    from ulmfit_nb.ensemble import Predictor
    dls = TextDataLoaders.from_df(df, text_col='text', label_col='label', valid_col='is_valid', bs=a.bs, device=device)
    learn = text_classifier_learner(dls, AWD_LSTM, config=clas_config(awd_lstm_config(a.config)), pretrained=False)
    pred = Predictor(TextProcessor(kind='word', vocab=list(dls.vocab[0])), list(dls.vocab[1]), learn.model)
    texts = df.text[df.is_valid].tolist()[:a.n]
    with learn.no_bar(), learn.no_logging(): learn.predict(texts[0])  # warm-up
    t = time.perf_counter()
    with learn.no_bar(), learn.no_logging(): loop = torch.stack([learn.predict(o)[2] for o in texts])
    rows = [('loop over `learn.predict(text)` (baseline; fastai `TextDataLoaders` learner)', time.perf_counter() - t, len(texts))]
    for prec in a.precisions.split(','):
        pred.precision = prec
        pred.predict_probs(texts[:4], bs=a.bs)  # warm-up
        t = time.perf_counter(); probs = pred.predict_probs(texts, bs=a.bs)['fwd']
        rows.append((f'`Predictor.predict_probs(texts, bs={a.bs})`, precision {prec!r}, max abs diff to the loop {(loop - probs).abs().max().item():.1e}', time.perf_counter() - t, len(texts)))
    print(f"### raw texts: {len(texts)} reviews, tokenization included on both sides\n")
    table(rows)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=100, help='texts to predict (validation reviews of the sample)')
    ap.add_argument('--config', default='tiny', help="awd_lstm_config preset: 'tiny', 'small' or 'book'")
    ap.add_argument('--bs', type=int, default=64, help='batch size of the batched path')
    ap.add_argument('--threads', type=int, default=2, help='torch CPU threads')
    ap.add_argument('--mode', default='ids,raw', help="'ids', 'raw' or both")
    ap.add_argument('--precisions', default='fp32,bf16', help="precisions of the batched path to time (fp32, bf16, fp16)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    df = imdb_sample_df()
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    print(f"config {a.config!r}, device {device}, {torch.get_num_threads()} threads, CPU {cpu_model()}, torch {torch.__version__}\n")
    for m in a.mode.split(','): dict(ids=bench_ids, raw=bench_raw)[m](a, df, device)

if __name__ == '__main__': main()
