"""Pretrain the small AWD-LSTM language models the package ships (issue 12): forward and backward, on IMDb's 100,000
reviews (train + test + unsup texts, no labels), with a general word vocabulary, sized for CPU.

Two steps, run from the repo root with the venv active and ULMFIT_DATA pointing at the mirror:
    python bench/pretrain_lm.py prepare [--max-vocab 8000] [--out DIR]   # tokenize (cached), vocab, ids -> DIR (bench/out/pretrain)
    python bench/pretrain_lm.py train --direction fwd [--tokens 10e6] [--epochs 1] [--threads 1]   # and the same with --direction bwd
`train` checkpoints after every epoch (`training.fit_phases`): run the same command again to continue an interrupted one.
To train shipped models further: `--init ulmfit_nb/assets` starts from their weights, `--skip-tokens N` passes over the
reviews an earlier run with the same seed read (its `--tokens`), `--precision bf16` autocasts (BENCHMARKS: about 1.3x on
this CPU, same loss), `--tag` names the outputs so the earlier record stays.
    python bench/pretrain_lm.py baseline                              # unigram perplexity on the same split, for comparison
The two `train` runs can go at the same time (one thread each on a 2-core machine). Each writes, atomically:
    bench/out/pretrain/lm_{fwd,bwd}.pth   fastai's pretrained format (state dict of the whole LM), stored in fp16
    bench/out/pretrain/vocab.pkl          the token list the weights index (fastai's `itos` pickle)
    bench/results/pretrain_lm_{fwd,bwd}.json   settings, tokens seen, time, tokens/s, held-out loss/perplexity/accuracy
Held out: the 1,000 reviews of the IMDb sample (`imdb_sample_df`), never trained on; their perplexity is the figure in
BENCHMARKS.md, and CI measures it again on the shipped weights.
Copy the .pth/.pkl into ulmfit_nb/assets/ once the figures are recorded.
"""
import argparse, json, os, sys, time
from pathlib import Path
from pipeline_default import cpu_model  # (bench/ is on the path when this script runs)

OUT = Path('bench/out/pretrain')  # (`--out` sets another)


def prepare(a):
    "Tokenize all 100,000 reviews (fastai's rules + spaCy, cached), build the vocab, save processor, ids and the held-out mask."
    global OUT; OUT = a.out
    import numpy as np
    from ulmfit_nb.data import imdb_df, imdb_unsup_texts, imdb_sample_df
    from ulmfit_nb.numericalization import TextProcessor
    from ulmfit_nb.numericalization import save_ids
    t0 = time.time()
    texts = imdb_df().text.tolist() + imdb_unsup_texts()
    print(f'{len(texts):,} reviews read in {time.time()-t0:.0f} s', flush=True)
    proc = TextProcessor.from_texts(texts, kind='word', min_freq=3, max_vocab=a.max_vocab)
    t1 = time.time()
    ids = proc.encode(texts, progress=False)
    # held out: the 1,000 reviews of the IMDb sample, so that CI can measure perplexity on texts the models never saw,
    # and `--data imdb_sample` evaluates classifiers on reviews their language models did not read
    sample = {t.strip() for t in imdb_sample_df().text}
    held = np.array([t.strip() in sample for t in texts])
    assert held.sum() >= len(sample), f'only {held.sum()} of the {len(sample)} sample reviews found in IMDb'
    OUT.mkdir(parents=True, exist_ok=True)
    proc.save(OUT/'proc.json'); save_ids(ids, OUT/'ids.pt'); np.save(OUT/'held_out.npy', held)
    n_tok = sum(len(o) for o in ids)
    info = dict(n_reviews=len(texts), n_tokens=n_tok, vocab=len(proc.vocab), held_out=int(held.sum()),
                unk_rate=float(sum(int((o == proc.unk_id).sum()) for o in ids) / n_tok),
                seconds_tokenize=round(t1 - t0, 1), seconds_total=round(time.time() - t0, 1))
    (OUT/'prepare.json').write_text(json.dumps(info, indent=2))
    print(info, flush=True)


def _split(a):
    "The processor, all ids, the held-out mask and the training reviews: random reviews until `a.tokens` tokens."
    global OUT; OUT = a.out
    import numpy as np
    from ulmfit_nb.numericalization import TextProcessor
    from ulmfit_nb.numericalization import load_ids
    proc, ids, held = TextProcessor.load(OUT/'proc.json'), load_ids(OUT/'ids.pt'), np.load(OUT/'held_out.npy')
    order = [i for i in np.random.RandomState(a.seed).permutation(len(ids)) if not held[i]]
    skip, n = 0, 0  # `--skip-tokens`: pass over the reviews an earlier run (same seed) trained on, to read new ones
    while skip < len(order) and n < getattr(a, 'skip_tokens', 0): n += len(ids[order[skip]]); skip += 1
    train_idx, n = [], 0
    for i in order[skip:]:
        if n >= a.tokens: break
        train_idx.append(i); n += len(ids[i])
    return proc, ids, held, train_idx


def compact(sd:dict) -> dict:
    "`sd` in fp16 with each distinct tensor stored once: the tied embedding/decoder (and the embedding-dropout copy) share one,\n"
    "and the weight-dropped LSTM weights point at their `_raw` originals, which are all fastai's `clean_raw_keys` keeps."
    import torch
    out, seen = {}, []
    for k, v in sd.items():
        raw = k.replace('.module.', '.') + '_raw'
        if raw in sd: out[k] = out.get(raw) if raw in out else sd[raw].detach().half(); continue
        v = v.detach().half() if v.is_floating_point() else v
        same = next((o for o in seen if o.shape == v.shape and o.dtype == v.dtype and torch.equal(o, v)), None)
        if same is None: seen.append(v)
        out[k] = v if same is None else same
    return out


def compact_files(a):
    "Rewrite weights saved before `compact` existed (same keys and values, fp16, each tensor once)."
    import torch
    from ulmfit_nb.core import atomic_write
    for f in a.files:
        sd = torch.load(f, map_location='cpu', weights_only=True)
        atomic_write(f, lambda p: torch.save(compact(sd), p))
        print(f, f.stat().st_size)


def baseline(a):
    "The baseline for the held-out perplexity: a unigram model (token frequencies of the same training reviews, add-one)."
    import math, torch
    proc, ids, held, train_idx = _split(a)
    counts = torch.bincount(torch.cat([ids[i] for i in train_idx]), minlength=len(proc.vocab)).double() + 1
    logp = (counts / counts.sum()).log()
    valid = torch.cat([ids[i][1:] for i in range(len(ids)) if held[i]])  # every token after xxbos, as the LM predicts them
    ppl = math.exp(-logp[valid].mean().item())
    info = dict(model='unigram (add-one)', train_reviews=len(train_idx), held_out_tokens=len(valid), valid_perplexity=ppl,
                valid_accuracy=float((valid == int(counts.argmax())).double().mean()))
    Path('bench/results/pretrain_lm_unigram.json').write_text(json.dumps(info, indent=2) + '\n')
    print(json.dumps(info, indent=2))


def train(a):
    "Train one direction: `a.epochs` one-cycle epochs over a random subset of the reviews of about `a.tokens` tokens, checkpointed every epoch."
    import numpy as np, torch
    from fastai.callback.core import Callback
    from fastcore.xtras import save_pickle
    from fastai.torch_core import set_seed
    from ulmfit_nb.core import atomic_write
    from ulmfit_nb.lm_data import lm_dataloaders
    from ulmfit_nb.lm import awd_lstm_config, lm_learner
    from ulmfit_nb.training import Phase, fit_phases
    torch.set_num_threads(a.threads)
    tag = a.tag or a.direction
    set_seed(a.seed, reproducible=True)
    proc, ids, held, train_idx = _split(a)
    docs = train_idx + [i for i in range(len(ids)) if held[i]]
    is_valid = [False] * len(train_idx) + [True] * int(held.sum())
    dls = lm_dataloaders([ids[i] for i in docs], proc.vocab, is_valid, bs=a.bs, seq_len=a.seq_len,
                         backwards=a.direction == 'bwd', seed=a.seed, device='cpu')
    cfg = awd_lstm_config('small', emb_sz=a.emb_sz, n_hid=a.n_hid, n_layers=a.n_layers)
    init = None if a.init is None else (a.init/f'lm_{a.direction}.pth', a.init/('lm_vocab.pkl' if (a.init/'lm_vocab.pkl').is_file() else 'vocab.pkl'))
    learn = lm_learner(dls, config=cfg, drop_mult=a.drop_mult, path=OUT, precision=a.precision, pretrained=init)
    learn.unfreeze()  # (loading weights freezes all but the head; pretraining trains everything)
    n_batches, tok_per_batch = len(dls.train), a.bs * a.seq_len

    class Speed(Callback):
        "A plain line every `every` batches: progress, tokens/s, smoothed training loss; the training seconds of this session."
        def before_fit(self): self.t0, self.i, self.seconds = time.time(), 0, 0.
        def before_epoch(self): self.te = time.time()
        def after_epoch(self):  # the seconds so far, kept beside the checkpoint: a resumed run adds the earlier epochs'
            self.seconds += time.time() - self.te
            atomic_write(ckpt.with_suffix('.json'), lambda p: p.write_text(json.dumps(dict(seconds=done_before + self.seconds))), only_rank0=False)
        def after_batch(self):
            if not self.training: return
            self.i += 1
            if self.i % a.every == 0 or self.i == n_batches:
                dt = time.time() - self.te
                print(f'{tag} epoch {self.epoch+1}/{a.epochs} batch {self.i % n_batches or n_batches}/{n_batches}  '
                      f'{(self.i % n_batches or n_batches)*tok_per_batch/dt:,.0f} tokens/s  loss {self.smooth_loss.item():.3f}  {dt/60:.1f} min', flush=True)
    ckpt = OUT/f'ckpt_{tag}.pth'
    done_before = json.loads(ckpt.with_suffix('.json').read_text())['seconds'] if ckpt.with_suffix('.json').is_file() else 0.
    speed = Speed()
    with learn.no_bar(), learn.no_logging():
        fit_phases(learn, [Phase(a.epochs, a.lr, kwargs=dict(moms=(0.8, 0.7, 0.8), wd=0.1))], ckpt, cbs=[speed])
    train_s = done_before + speed.seconds  # (an interrupted run's earlier epochs included)
    loss, acc, ppl = [float(v) for v in learn.validate()]
    pth = atomic_write(OUT/f'lm_{tag}.pth', lambda p: torch.save(compact(learn.model.state_dict()), p))
    atomic_write(OUT/'vocab.pkl', lambda p: save_pickle(p, list(proc.vocab)), only_rank0=False)
    info = dict(direction=a.direction, config={k: cfg[k] for k in ('emb_sz', 'n_hid', 'n_layers')}, vocab=len(proc.vocab),
                init=None if a.init is None else str(a.init), skip_tokens=a.skip_tokens, precision=a.precision,
                drop_mult=a.drop_mult, lr=a.lr, bs=a.bs, seq_len=a.seq_len, threads=a.threads, train_reviews=len(train_idx),
                epochs=a.epochs, train_tokens=a.epochs * n_batches * tok_per_batch, seconds=round(train_s, 1),
                tokens_per_s=round(a.epochs * n_batches * tok_per_batch / train_s),
                held_out_reviews=int(held.sum()), valid_loss=loss, valid_perplexity=ppl, valid_accuracy=acc,
                file_bytes=pth.stat().st_size, machine=f'{cpu_model()}, {os.cpu_count()} cores', torch=torch.__version__)
    a.results.mkdir(parents=True, exist_ok=True)
    (a.results/f'pretrain_lm_{tag}.json').write_text(json.dumps(info, indent=2) + '\n')
    print(json.dumps(info, indent=2), flush=True)


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = p.add_subparsers(dest='cmd', required=True)
    pp = sub.add_parser('prepare', help='tokenize and numericalize the 100,000 reviews')
    pp.add_argument('--max-vocab', type=int, default=8000, help='vocab size, special tokens included')
    pp.add_argument('--out', type=Path, default=OUT)
    pt = sub.add_parser('train', help='train one direction')
    pt.add_argument('--direction', choices=['fwd', 'bwd'], required=True)
    pt.add_argument('--tokens', type=float, default=10e6, help='training tokens (one epoch over that many)')
    pt.add_argument('--emb-sz', type=int, default=100); pt.add_argument('--n-hid', type=int, default=256)
    pt.add_argument('--n-layers', type=int, default=2); pt.add_argument('--drop-mult', type=float, default=0.2)
    pt.add_argument("--lr", type=float, default=3e-2); pt.add_argument('--bs', type=int, default=64)
    pt.add_argument('--seq-len', type=int, default=72); pt.add_argument('--threads', type=int, default=1)
    pt.add_argument('--seed', type=int, default=42); pt.add_argument('--every', type=int, default=200)
    pt.add_argument('--epochs', type=int, default=1, help='one-cycle epochs over the same reviews (a checkpoint after each)')
    pt.add_argument('--out', type=Path, default=OUT); pt.add_argument('--tag', default=None, help='name of the outputs (default: the direction)')
    pt.add_argument('--results', type=Path, default=Path('bench/results'), help='where the JSON record goes')
    pt.add_argument('--init', type=Path, default=None, help='continue from the lm_{fwd,bwd}.pth + vocab of this folder (e.g. ulmfit_nb/assets)')
    pt.add_argument('--skip-tokens', type=float, default=0, help='skip the first reviews of the random order, this many tokens (those an earlier run read)')
    pt.add_argument('--precision', default='fp32', choices=['fp32', 'bf16'], help='bf16: autocast on this CPU')
    pb = sub.add_parser('baseline', help='unigram perplexity on the held-out reviews, same training reviews')
    pb.add_argument('--tokens', type=float, default=10e6); pb.add_argument('--seed', type=int, default=42)
    pb.add_argument('--out', type=Path, default=OUT)
    pc = sub.add_parser('compact', help='rewrite saved weights with each tensor stored once')
    pc.add_argument('files', nargs='+', type=Path)
    a = p.parse_args()
    dict(prepare=prepare, train=train, baseline=baseline, compact=compact_files)[a.cmd](a)
