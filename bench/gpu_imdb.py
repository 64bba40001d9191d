"""GPU protocol, step 2 (runs ON THE DEVICE): ULMFiT on full IMDb for one direction, within a wall-clock budget.

Baseline with fastai's stock learners (`language_model_learner`, `text_classifier_learner`), not the project's
pipeline (`ulmfit train`); kept for comparison (BENCHMARKS.md, the baseline section).

Reads the ids that `bench/gpu_prepare.py` made here, trains an AWD-LSTM language model on all 100,000 reviews
(train + test + unsup texts, no labels; the book's recipe), then the classifier with gradual unfreezing and
discriminative learning rates on the 25,000 training reviews, and writes the 25,000 test-set probabilities
(`probs_<direction>.npy`, in the original test order) and `metrics_<direction>.json` (time per stage, accuracy).
WikiText-103 weights cannot be fetched on the device, so the language model starts from scratch.
The number of LM epochs is chosen from the measured speed so the run fits `--lm-seconds`.

Usage: python bench/gpu_imdb.py --data .gpu/imdb_ids.npz --direction fwd --out OUT [--lm-seconds 250] [--clas-seconds 200]
"""
import argparse, json, time, math, os
import numpy as np, torch
from fastai.text.all import *

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('--data', default='.gpu/imdb_ids.npz'); p.add_argument('--direction', choices=['fwd','bwd'], default='fwd')
p.add_argument('--out', default='.gpu/out'); p.add_argument('--lm-seconds', type=float, default=250)
p.add_argument('--clas-seconds', type=float, default=200); p.add_argument('--bs', type=int, default=128)
p.add_argument('--clas-bs', type=int, default=64); p.add_argument('--seq-len', type=int, default=72)
p.add_argument('--emb', type=int, default=400); p.add_argument('--hidden', type=int, default=1152)
p.add_argument('--layers', type=int, default=3); p.add_argument('--limit', type=int, default=0, help='use only N docs (smoke test)')
p.add_argument('--lm-lr', type=float, default=3e-3); p.add_argument('--clas-lr', type=float, default=2e-2)
p.add_argument('--cpu', action='store_true')
a = p.parse_args()
out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
dev = 'cpu' if a.cpu or not torch.cuda.is_available() else 'cuda'
set_seed(42)
T = {}; t0 = time.time()
def log(**kw):
    T.update(kw); T['elapsed_s'] = round(time.time()-t0, 1)
    (out/f'metrics_{a.direction}.json').write_text(json.dumps(T, indent=1)); print(json.dumps(kw), flush=True)

d = np.load(a.data, allow_pickle=False)
vocab = list(d['vocab']); lens = d['lens']; labels = d['labels']; is_valid = d['is_valid']
offs = np.concatenate([[0], np.cumsum(lens)])
ids = torch.from_numpy(d['ids'].astype(np.int64))
docs = [ids[offs[i]:offs[i+1]] for i in range(len(lens))]
if a.direction == 'bwd': docs = [x.flip(0) for x in docs]
lab_idx = np.where(labels >= 0)[0]
if a.limit:
    keep = np.random.RandomState(0).permutation(len(docs))[:a.limit]
    lab_idx = np.intersect1d(lab_idx, keep)
else: keep = np.arange(len(docs))
log(device=torch.cuda.get_device_name() if dev=='cuda' else 'cpu', n_docs=len(keep), n_tokens=int(lens[keep].sum()),
    vocab=len(vocab), direction=a.direction)

# --- Language model: all texts, 10% held out for LM validation --------------------------------------------
rs = np.random.RandomState(42); perm = rs.permutation(keep); n_val = len(perm)//10
lm_trn, lm_val = [TensorText(docs[i]) for i in perm[n_val:]], [TensorText(docs[i]) for i in perm[:n_val]]
def lm_dls(trn):
    dl_t = LMDataLoader(trn, bs=a.bs, seq_len=a.seq_len, shuffle=True, device=dev)
    dl_v = LMDataLoader(lm_val, bs=a.bs, seq_len=a.seq_len, device=dev)
    dls = DataLoaders(dl_t, dl_v, device=dev); dls.vocab = vocab
    return dls
cfg = dict(awd_lstm_lm_config, emb_sz=a.emb, n_hid=a.hidden, n_layers=a.layers)
dls = lm_dls(lm_trn)
learn = language_model_learner(dls, AWD_LSTM, config=cfg, drop_mult=0.3, pretrained=False,
                               metrics=[accuracy, Perplexity()], path=out, model_dir='.')
learn.remove_cb(ProgressCallback)
if dev == 'cuda': learn = learn.to_fp16()
# Measure speed on a few batches, then pick the epochs (or the share of the corpus) that fit the budget.
n_probe = 30
t = time.time(); learn.fit(1, a.lm_lr, cbs=ShortEpochCallback(pct=n_probe/len(dls.train), short_valid=True)); probe = time.time()-t
sec_per_batch = probe / n_probe
epoch_s = sec_per_batch * len(dls.train) * 1.08  # + validation
log(lm_sec_per_batch=round(sec_per_batch, 4), lm_tokens_per_s=round(a.bs*a.seq_len/sec_per_batch), lm_epoch_s_est=round(epoch_s))
learn = language_model_learner(dls, AWD_LSTM, config=cfg, drop_mult=0.3, pretrained=False,
                               metrics=[accuracy, Perplexity()], path=out, model_dir='.')
learn.remove_cb(ProgressCallback)
if dev == 'cuda': learn = learn.to_fp16()
budget = a.lm_seconds - probe
n_ep = int(budget // epoch_s)
if n_ep < 1:  # one epoch on the share of the training texts that fits
    share = max(0.05, budget/epoch_s)
    learn.dls = lm_dls(lm_trn[:int(len(lm_trn)*share)]); learn.dls.vocab = vocab; n_ep = 1
    log(lm_train_share=round(share, 3))
t = time.time(); learn.fit_one_cycle(min(n_ep, 10), a.lm_lr, moms=(0.8,0.7,0.8), wd=0.1)
_, lm_loss, lm_acc, lm_ppl = learn.recorder.values[-1]
learn.save_encoder(f'enc_{a.direction}')
log(lm_epochs=min(n_ep, 10), lm_seconds=round(time.time()-t), lm_valid_loss=round(float(lm_loss), 4),
    lm_accuracy=round(float(lm_acc), 4), lm_perplexity=round(float(lm_ppl), 2))
del learn, dls; torch.cuda.empty_cache() if dev=='cuda' else None

# --- Classifier: train reviews, evaluated on the 25,000 test reviews ---------------------------------------
trn_idx = [i for i in lab_idx if not is_valid[i]]; val_idx = [i for i in lab_idx if is_valid[i]]
def ds(idx): return [(TensorText(docs[i]), TensorCategory(int(labels[i]))) for i in idx]
def sdl(items, shuffle):
    return SortedDL(items, res=[len(x[0]) for x in items], bs=a.clas_bs, before_batch=pad_input_chunk, shuffle=shuffle,
                    drop_last=shuffle, device=dev)
cdls = DataLoaders(sdl(ds(trn_idx), True), sdl(ds(val_idx), False), device=dev); cdls.vocab = L([vocab, ['neg','pos']]); cdls.c = 2
ccfg = dict(awd_lstm_clas_config, emb_sz=a.emb, n_hid=a.hidden, n_layers=a.layers)
clas = text_classifier_learner(cdls, AWD_LSTM, config=ccfg, drop_mult=0.5, pretrained=False, metrics=accuracy, loss_func=CrossEntropyLossFlat(),
                               path=out, model_dir='.')
clas.load_encoder(f'enc_{a.direction}'); clas.freeze(); clas.remove_cb(ProgressCallback)
if dev == 'cuda': clas = clas.to_fp16()
# The book's gradual unfreezing: (freeze_to, epochs, lr) per stage; a stage is skipped if the budget is spent.
lr = a.clas_lr
stages = [(-1, 1, lr), (-2, 1, slice(lr/2/(2.6**4), lr/2)), (-3, 1, slice(lr/4/(2.6**4), lr/4)), (0, 2, slice(lr/20/(2.6**4), lr/20))]
tc = time.time(); done = []; first_s = None
for ft, ep, lr_ in stages:
    if done:  # later stages train more layers: estimate from the first stage, shorten or stop to stay in budget
        est = first_s * (1.0 + 0.15*len(done))
        left = a.clas_seconds - (time.time()-tc)
        if est*ep > left: ep = int(left // est)
        if ep < 1: break
    clas.freeze_to(ft) if ft else clas.unfreeze()
    ts = time.time(); clas.fit_one_cycle(ep, lr_, moms=(0.8,0.7,0.8))
    if first_s is None: first_s = time.time()-ts
    done.append(dict(freeze_to=ft, epochs=ep, seconds=round(time.time()-ts), accuracy=round(float(clas.recorder.values[-1][-1]), 4)))
    log(clas_stages=done, clas_seconds=round(time.time()-tc))
preds, targs = clas.get_preds(dl=cdls.valid)
acc = float((preds.argmax(1) == targs).float().mean())
# probabilities in the order of `val_idx` (the test reviews' order in bench/gpu_prepare.py)
tmp = out/f'probs_{a.direction}.tmp.npy'; np.save(tmp, preds.numpy().astype(np.float32)); os.replace(tmp, out/f'probs_{a.direction}.npy')
np.save(out/f'targets.npy', targs.numpy().astype(np.int8))
log(test_accuracy=round(acc, 4), n_test=len(val_idx), done=True)
