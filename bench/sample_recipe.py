"""The chapter notebooks' recipe on the IMDb sample (06, 08, 09): the shipped forward language model fine-tuned on the
sample's 800 training reviews, its held-out perplexity on the 200 validation reviews, then classifiers from its encoder.

  python bench/sample_recipe.py lm FROZEN_EPOCHS FROZEN_LR EPOCHS UNFROZEN_LR   # perplexity before and after
  python bench/sample_recipe.py clas NAME:EPOCHS:LR:DROP_MULT:MULT:SEED ...      # e.g. A:1124:3e-2:0.7:1:0

`clas` fine-tunes the encoder once (one unfrozen epoch at 1e-3, as 08 does; kept in OUT) and prints one JSON line per
spec: validation accuracy (`predict_ids`, 200 reviews) and the accuracy after each epoch. OUT: $OUT or bench/out/sample_recipe.
Run with OMP_NUM_THREADS=1 and ULMFIT_DATA pointing at the data mirror."""
import json, os, sys, time, torch
from pathlib import Path
from fastai.torch_core import set_seed
from ulmfit_nb.data import imdb_sample_df
from ulmfit_nb.numericalization import TextProcessor
from ulmfit_nb.lm_data import lm_dataloaders
from ulmfit_nb.lm import lm_learner, awd_lstm_config, fit_lm, shipped_lm_files, SHIPPED_LM
from ulmfit_nb.classifier import clas_dataloaders, clas_learner, fit_gradual, predict_ids
from ulmfit_nb.training import MetricsLog, quiet

out = Path(os.environ.get('OUT', 'bench/out/sample_recipe'))
df = imdb_sample_df()
proc = TextProcessor.from_texts(df.text, kind='word', min_freq=2); ids = proc.encode(df.text)
cfg = awd_lstm_config('small', **SHIPPED_LM)

def lm(frozen, flr, epochs, ulr, encoder=None, measure=True):
    "Fine-tune the shipped forward model; held-out (loss, accuracy, perplexity) before (if `measure`) and after."
    set_seed(0)
    dls = lm_dataloaders(ids, proc.vocab, is_valid=df.is_valid.values, bs=32, seq_len=48, seed=0, device='cpu')
    learn = lm_learner(dls, cfg, pretrained=shipped_lm_files(), path=out)
    before = [float('nan')] * 3
    if measure:  # (it moves the random streams: an encoder made without it, as notebook 08 makes it, differs slightly)
        with learn.no_bar(): before = learn.validate()
    with quiet(learn): fit_lm(learn, lr=flr, frozen_epochs=frozen, epochs=epochs, unfrozen_lr=ulr, encoder=encoder, resume=False)
    with learn.no_bar(): after = learn.validate()
    return [float(v) for v in before], [float(v) for v in after]

def clas(spec:str, enc:Path) -> dict:
    name, epochs, lr, drop, mult, seed = spec.split(':')
    set_seed(int(seed))
    dls = clas_dataloaders(ids, df.label, df.is_valid, proc.vocab, bs=32, seed=int(seed), device='cpu')
    learn = clas_learner(dls, cfg, drop_mult=float(drop), encoder=enc, path=out)
    log, t = MetricsLog(out/f"{spec.replace(':', '_')}.csv", plain=False), time.time()
    with quiet(learn): fit_gradual(learn, lr=float(lr), epochs=tuple(int(c) for c in epochs), mult=float(mult), cbs=[log])
    vids = [o for o, v in zip(ids, df.is_valid) if v]
    y = torch.tensor([list(dls.vocab[1]).index(l) for l in df.label[df.is_valid]])
    acc = predict_ids(learn, vids).argmax(1).eq(y).float().mean().item()
    return dict(spec=spec, acc=round(acc, 4), per_epoch=[round(r['accuracy'], 3) for r in log.rows()], seconds=round(time.time() - t))

if __name__ == '__main__':
    out.mkdir(parents=True, exist_ok=True)
    if sys.argv[1] == 'lm':
        f, flr, e, ulr = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
        b, a = lm(f, flr, e, ulr)
        print(json.dumps(dict(frozen=f, frozen_lr=flr, epochs=e, unfrozen_lr=ulr, ppl_before=round(b[2], 2), ppl_after=round(a[2], 2))))
    else:
        enc = out/'models'/'sample_enc.pth'
        if not enc.exists(): lm(0, 1e-3, 1, 1e-3, encoder='sample_enc', measure=False)  # as notebook 08 makes it
        for spec in sys.argv[2:]: print(json.dumps(clas(spec, enc)), flush=True)
