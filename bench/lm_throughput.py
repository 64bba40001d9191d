"""Language-model training throughput (tokens/s): the project's `lm_learner` + `fit_lm` against fastai's stock
`language_model_learner` + `fit_one_cycle`, on the same token ids, model config and machine, in the same run.

Only the training loop is timed (from `before_train` to `after_train`: forward, backward, optimizer step, data
loading), so validation and the project's per-epoch checkpoint are left out of tokens/s; the checkpoint's cost is
visible in `fit s` (the whole fit) minus `train s` and `valid s`.

Usage (from the repo root, with the venv):
  python bench/lm_throughput.py                                     # CPU, 'small' config (emb 100, hidden 256, 2 layers)
  python bench/lm_throughput.py --config book --max-batches 10      # CPU, the full 3-layer model, a few batches
  python bench/lm_throughput.py --device cuda --config book --fp16 --n-texts 1000 --bs 64 --seq-len 72
Needs ULMFIT_DATA (offline mirror) or internet for the IMDb sample. Prints a Markdown table.
"""
import argparse, os, platform, subprocess, sys, tempfile, time, warnings
warnings.filterwarnings('ignore')
import numpy as np, torch
from fastai.callback.core import Callback, CancelTrainException
from fastai.callback.progress import ProgressCallback
from fastai.data.core import Datasets
from fastai.metrics import accuracy, Perplexity
from fastai.text.data import LMDataLoader
from fastai.text.learner import language_model_learner
from fastai.text.models.awdlstm import AWD_LSTM
from fastai.torch_core import set_seed
from ulmfit_nb.data import imdb_sample_df, random_split
from ulmfit_nb.lm_data import lm_dataloaders, IdsToText
from ulmfit_nb.lm import lm_learner, fit_lm, awd_lstm_config


class Timer(Callback):
    "Time the training loops of a fit and count the tokens they read; stop each after `max_batches` if given."
    order = 0
    def __init__(self, max_batches=None): self.max_batches, self.train_s, self.valid_s, self.tokens, self.batches = max_batches, 0., 0., 0, 0
    def _sync(self):
        if torch.cuda.is_available(): torch.cuda.synchronize()
    def before_fit(self): self.t_fit = time.perf_counter()
    def after_fit(self): self.fit_s = time.perf_counter() - self.t_fit
    def before_train(self): self._sync(); self.t0, self.n = time.perf_counter(), 0
    def after_batch(self):
        if not self.training: return
        self.tokens += self.x.numel(); self.batches += 1; self.n += 1
        if self.max_batches and self.n >= self.max_batches: raise CancelTrainException()
    def after_train(self): self._sync(); self.train_s += time.perf_counter() - self.t0
    def before_validate(self): self.tv = time.perf_counter()
    def after_validate(self): self._sync(); self.valid_s += time.perf_counter() - self.tv


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--device', default='cpu')
    p.add_argument('--config', default='small', choices=['tiny', 'small', 'book'])
    p.add_argument('--fp16', action='store_true', help='mixed precision (GPU only)')
    p.add_argument('--n-texts', type=int, default=300, help='reviews of the IMDb sample to train on')
    p.add_argument('--bs', type=int, default=32)
    p.add_argument('--seq-len', type=int, default=48)
    p.add_argument('--epochs', type=int, default=1)
    p.add_argument('--max-batches', type=int, default=None, help='stop each epoch after this many batches')
    p.add_argument('--repeats', type=int, default=2, help='runs of each learner, alternated; the best is reported')
    p.add_argument('--threads', type=int, default=None, help='torch.set_num_threads')
    p.add_argument('--ids', default=None, help='pre-tokenized ids (.npz from bench/gpu_prepare.py) instead of tokenizing '
                   'the sample: for machines without spaCy, such as the GPU device')
    a = p.parse_args()
    if a.threads: torch.set_num_threads(a.threads)
    if a.fp16 and not a.device.startswith('cuda'): sys.exit("--fp16 needs --device cuda")

    if a.ids:  # the first n_texts reviews of full IMDb, tokenized and numericalized on another machine
        d = np.load(a.ids); offs = np.concatenate([[0], np.cumsum(d['lens'])])
        flat = d['ids'][:offs[a.n_texts]].astype(np.int64)  # read once: each d['ids'] decompresses the whole array
        ids = [torch.from_numpy(flat[offs[i]:offs[i+1]]) for i in range(a.n_texts)]
        proc = argparse.Namespace(vocab=list(d['vocab']))
    else:
        from ulmfit_nb.numericalization import TextProcessor
        texts = imdb_sample_df().text[:a.n_texts].tolist()
        proc = TextProcessor.from_texts(texts, kind='word')
        ids = proc.encode(texts, progress=False)
    cfg = awd_lstm_config(a.config)
    tmp = tempfile.mkdtemp()

    def project():
        dls = lm_dataloaders(ids, proc.vocab, bs=a.bs, seq_len=a.seq_len, seed=0, device=a.device)
        learn = lm_learner(dls, cfg, path=tmp, precision='fp16' if a.fp16 else 'fp32')
        t = Timer(a.max_batches)
        with learn.removed_cbs(learn.progress): fit_lm(learn, frozen_epochs=0, epochs=a.epochs, unfrozen_lr=1e-2, ckpt_dir=tmp, resume=False, encoder=None, cbs=[t])
        return learn, t

    def stock():
        is_valid = random_split(len(ids), 0.1, 0)  # the split lm_dataloaders(seed=0) makes
        splits = [np.where(~is_valid)[0].tolist(), np.where(is_valid)[0].tolist()]
        dls = Datasets(ids, [IdsToText(proc.vocab)], splits=splits, dl_type=LMDataLoader).dataloaders(bs=a.bs, seq_len=a.seq_len, device=a.device)
        dls.vocab = proc.vocab
        learn = language_model_learner(dls, AWD_LSTM, config=cfg, drop_mult=0.3, pretrained=False, metrics=[accuracy, Perplexity()], path=tmp)
        if a.fp16: learn = learn.to_fp16()
        t = Timer(a.max_batches)
        with learn.removed_cbs(learn.progress): learn.fit_one_cycle(a.epochs, 1e-2, cbs=[t])
        return learn, t

    results = {'project: lm_learner + fit_lm': [], 'fastai: language_model_learner + fit_one_cycle': []}
    for r in range(a.repeats):
        for name, fn in zip(results, (project, stock)):
            set_seed(r)
            learn, t = fn()
            results[name].append(t)
            n_params = sum(q.numel() for q in learn.model.parameters())

    try: cpu = [l.split(':', 1)[1].strip() for l in subprocess.run(['lscpu'], capture_output=True, text=True).stdout.splitlines() if l.startswith('Model name')][0]
    except Exception: cpu = platform.processor()
    dev = torch.cuda.get_device_name() if a.device.startswith('cuda') else f'CPU ({cpu}, {os.cpu_count()} cores, {torch.get_num_threads()} torch threads)'
    print(f"\nLM training throughput: config '{a.config}' ({n_params/1e6:.1f}M params, vocab {len(proc.vocab)}), bs {a.bs}, seq_len {a.seq_len}, "
          f"{a.n_texts} {'IMDb' if a.ids else 'IMDb-sample'} reviews, {a.epochs} epoch(s){f', {a.max_batches} batches each' if a.max_batches else ''}, fp16 {a.fp16}; {dev}; "
          f"best of {a.repeats} alternated runs\n")
    print("| learner | batches | tokens | train s | tokens/s | valid s | fit s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, ts in results.items():
        t = min(ts, key=lambda t: t.train_s)
        print(f"| {name} | {t.batches} | {t.tokens:,} | {t.train_s:.1f} | {t.tokens/t.train_s:,.0f} | {t.valid_s:.1f} | {t.fit_s:.1f} |")

if __name__ == '__main__': main()
