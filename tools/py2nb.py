"""Authoring helper: turn a jupytext percent-format script into a notebook in nbs/, execute it, and clean it.

Usage: python tools/py2nb.py SRC.py nbs/NN_name.ipynb [--no-exec]
The notebook is the source of truth once written; this only saves typing JSON by hand.
"""
import sys, subprocess, jupytext, os
src, dst = sys.argv[1], sys.argv[2]
nb = jupytext.read(src, fmt='py:percent')
nb.metadata = {'kernelspec': {'display_name': 'python3', 'language': 'python', 'name': 'python3'}}
jupytext.write(nb, dst, fmt='ipynb')
if '--no-exec' not in sys.argv:
    env = dict(os.environ, MPLBACKEND='module://matplotlib_inline.backend_inline')
    r = subprocess.run(['jupyter', 'nbconvert', '--to', 'notebook', '--execute', '--inplace',
                        '--ExecutePreprocessor.timeout=1800', dst], env=env)
    if r.returncode: sys.exit(r.returncode)
subprocess.run(['nbdev_clean', '--fname', dst], check=True)
