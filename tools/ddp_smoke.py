"""Distributed smoke run: the project's `fit_lm` (checkpointed, resumable) then `fit_gradual` on the IMDb sample, each rank writing a report.

Launch on one machine with 2 processes (CPU: gloo; GPUs: nccl):
    OMP_NUM_THREADS=1 torchrun --nproc_per_node 2 tools/ddp_smoke.py --out /tmp/ddp_smoke
Add `--stop-after 1` to interrupt the language model in its second epoch; the same command without it resumes.
The code is `ulmfit_nb.testing` (nbs/17_testing.ipynb), its test nbs/13_distributed.ipynb; see the "Distributed training" section of DEVELOPERS.md.
"""
from ulmfit_nb.testing import smoke_main

if __name__ == '__main__': smoke_main()
