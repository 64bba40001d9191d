"""Resident memory of a long language-model fit, per batch: fastai's `fit_one_cycle` as it is (the `Recorder` keeps each
batch's smoothed loss as a tensor) against the project's `fit_phases` (which adds `training.FloatLosses`).

  OMP_NUM_THREADS=1 python bench/recorder_memory.py {fastai|fit_phases} [EPOCHS]

The shipped models' size on the IMDb sample's 800 training reviews, bs 32, seq_len 48 (154 batches an epoch); one
line every 50 training batches with the process's resident memory (psutil)."""
import sys, psutil
from fastai.callback.core import Callback
from fastai.torch_core import set_seed
from ulmfit_nb.data import imdb_sample_df
from ulmfit_nb.numericalization import TextProcessor
from ulmfit_nb.lm_data import lm_dataloaders
from ulmfit_nb.lm import lm_learner, awd_lstm_config, SHIPPED_LM
from ulmfit_nb.training import Phase, fit_phases

class Rss(Callback):
    "Print the resident memory every 50 training batches."
    order = 300
    def __init__(self): self.i, self.proc = 0, psutil.Process()
    def after_batch(self):
        if not self.training: return
        self.i += 1
        if self.i % 50 == 0: print(f"{sys.argv[1]} batch {self.i}: {self.proc.memory_info().rss / 2**20:,.0f} MiB", flush=True)

if __name__ == '__main__':
    mode, epochs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2
    df = imdb_sample_df()
    proc, ids = TextProcessor.fit_encode(df.text.tolist(), kind='word', min_freq=2, progress=False)
    set_seed(0)
    dls = lm_dataloaders(ids, proc.vocab, is_valid=df.is_valid.values, bs=32, seq_len=48, seed=0, device='cpu')
    learn = lm_learner(dls, awd_lstm_config('small', **SHIPPED_LM), path='bench/out/recorder_memory', precision='fp32')
    with learn.no_bar(), learn.no_logging():
        if mode == 'fastai': learn.fit_one_cycle(epochs, 1e-3, cbs=[Rss()])
        else: fit_phases(learn, [Phase(epochs, 1e-3)], cbs=[Rss()])
    print(f"{mode}: recorder.losses holds {type(learn.recorder.losses[-1]).__name__}s", flush=True)
