"""Execute notebooks in place, as a reader would top to bottom, but skip cells carrying a test flag (their committed
outputs are kept), then clean them with nbdev_clean.

Usage: python tools/run_nb.py nbs/NN_name.ipynb [...] [--skip slow,cuda] [--timeout 1800]
`--skip ''` runs every cell (on a machine that has the data and a GPU). Without `--skip`, the flags of settings.ini's
`tst_flags` are skipped, like `nbdev_test` does.
"""
import argparse, configparser, os, re, subprocess, sys, time
from pathlib import Path
import nbformat
from nbclient import NotebookClient

def flags_of(src:str) -> set:
    "The `#| flag` words of a code cell (nbdev's test flags are bare words on `#|` lines)."
    return {w for l in src.splitlines() if re.match(r'\s*#\s*\|', l) for w in re.sub(r'\s*#\s*\|', '', l).split()}

def run(path:Path, skip:set, timeout:int):
    nb = nbformat.read(path, as_version=4)
    os.environ['MPLBACKEND'] = 'module://matplotlib_inline.backend_inline'  # plots as outputs, as in Jupyter (the kernel inherits it)
    client = NotebookClient(nb, timeout=timeout, kernel_name='python3', resources={'metadata': {'path': str(path.parent)}})
    t0 = time.time()
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != 'code': continue
            if flags_of(cell.source) & skip: print(f'  cell {i}: skipped ({", ".join(sorted(flags_of(cell.source) & skip))})'); continue
            client.execute_cell(cell, i)
    nbformat.write(nb, path)
    subprocess.run(['nbdev_clean', '--fname', str(path)], check=True)
    print(f'{path}: {time.time() - t0:.0f} s')

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('notebooks', nargs='+', type=Path)
    p.add_argument('--skip', default=None, help='comma-separated flags to skip (default: tst_flags of settings.ini)')
    p.add_argument('--timeout', type=int, default=1800, help='seconds per cell')
    a = p.parse_args()
    if a.skip is None:
        cfg = configparser.ConfigParser(); cfg.read(Path(__file__).parents[1]/'settings.ini')
        a.skip = cfg['DEFAULT'].get('tst_flags', '').replace(' ', ',')
    skip = {s for s in a.skip.split(',') if s}
    for nb in a.notebooks: run(nb, skip, a.timeout)
