"""`ulmfit ARGS`, stopped as if by Ctrl-C once STAGE has trained N epochs: for tests of resuming under torchrun.

    torchrun --nproc_per_node 2 tools/ulmfit_stop.py lm_fwd:2 train --out RUN ...
The code is `ulmfit_nb.testing.stop_main` (nbs/17_testing.ipynb); nbs/18_train_tests.ipynb uses it.
"""
import sys
from ulmfit_nb.testing import stop_main

if __name__ == '__main__': sys.exit(stop_main())
