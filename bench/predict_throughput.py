"""Throughput of batched classifier prediction (`predict_ids`) vs a loop over fastai's `learn.predict`, same texts, same run.

Usage (from the repo root, venv active, ULMFIT_DATA set): python bench/predict_throughput.py [--n 200] [--config tiny|small|book] [--bs 64]
Prints a Markdown table. The classifier is untrained: the cost of a forward pass does not depend on the weights.
"""
import argparse, os, platform, time, warnings
warnings.filterwarnings('ignore')
import torch
from ulmfit_nb.data import imdb_sample_df
from ulmfit_nb.numericalization import TextProcessor
from ulmfit_nb.lm import awd_lstm_config
from ulmfit_nb.classifier import clas_dataloaders, clas_learner, predict_ids

def cpu_model():
    try: return next(l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name'))
    except Exception: return platform.processor()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=200, help='texts to predict (validation reviews of the sample)')
    ap.add_argument('--config', default='tiny', help="awd_lstm_config preset: 'tiny', 'small' or 'book'")
    ap.add_argument('--bs', type=int, default=64, help='batch size of predict_ids')
    ap.add_argument('--threads', type=int, default=2, help='torch CPU threads')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    df = imdb_sample_df()
    proc = TextProcessor.from_texts(df.text, kind='word')
    ids = proc.encode(df.text.tolist(), progress=False)
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    dls = clas_dataloaders(ids, df.label, df.is_valid, proc.vocab, bs=a.bs, device=device)
    learn = clas_learner(dls, awd_lstm_config(a.config), fp16=False)
    texts = [o for o, v in zip(ids, df.is_valid) if v][:a.n]
    n_tok = sum(len(o) for o in texts)
    predict_ids(learn, texts[:4], bs=a.bs)                      # warm-up
    with learn.no_bar(), learn.no_logging(): learn.predict(texts[0])
    t = time.perf_counter(); probs = predict_ids(learn, texts, bs=a.bs); t_batch = time.perf_counter() - t
    loop = []
    t = time.perf_counter()
    with learn.no_bar(), learn.no_logging():
        for o in texts: loop.append(learn.predict(o)[2])
    t_loop = time.perf_counter() - t
    err = (torch.stack(loop) - probs).abs().max().item()
    print(f"{len(texts)} texts ({n_tok:,} tokens), config {a.config!r}, device {device}, {torch.get_num_threads()} threads, "
          f"CPU {cpu_model()}, max |p_batched - p_loop| = {err:.1e}\n")
    print('| method | seconds | texts/s | speed-up |')
    print('| --- | --- | --- | --- |')
    print(f'| loop over `learn.predict` (baseline) | {t_loop:.2f} | {len(texts)/t_loop:.1f} | 1.0x |')
    print(f'| `predict_ids(bs={a.bs})` | {t_batch:.2f} | {len(texts)/t_batch:.1f} | {t_loop/t_batch:.1f}x |')

if __name__ == '__main__': main()
