"""Distributed smoke run: a tiny LM + classifier on the IMDb sample, each rank writing a report.

Launch on one machine with 2 processes (CPU: gloo; GPUs: nccl):
    OMP_NUM_THREADS=1 torchrun --nproc_per_node 2 tools/ddp_smoke.py --out /tmp/ddp_smoke
See nbs/09_distributed.ipynb and the "Distributed training" section of DEVELOPERS.md.
"""
from ulmfit_nb.distributed import smoke_main

if __name__ == '__main__': smoke_main()
