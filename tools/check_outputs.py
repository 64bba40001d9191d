"""Check what a reader sees: committed notebook outputs hold no temporary or machine paths.

Usage: python tools/check_outputs.py [NOTEBOOK ...]   (default: nbs/*.ipynb)
Prints each notebook and output line that names `/tmp/`, the home folder or the folder above the repository, and
exits 1 when there is one. Notebooks print paths relative to the run or data folder instead.
"""
import glob, json, os, re, sys
from pathlib import Path

def leak_pattern(repo:Path) -> re.Pattern:
    "Paths a reader must not see: temporary folders, this machine's home and the folder holding the repository."
    paths = {'/tmp/', '/var/folders/', str(repo.resolve().parent) + '/', os.path.expanduser('~') + '/'}
    return re.compile('|'.join(map(re.escape, sorted(p for p in paths if p != '//'))))

def output_text(o:dict) -> str:
    "The text a reader sees in one output: streams, plain text, HTML, error tracebacks."
    d = o.get('data', {})
    parts = [o.get('text', ''), d.get('text/plain', ''), d.get('text/html', ''), d.get('text/markdown', ''), o.get('traceback', [])]
    return '\n'.join(''.join(p) for p in parts)

def leaks(nb_path:str, pat:re.Pattern) -> list[str]:
    "`cell N: line` for each output line of `nb_path` that names a machine path."
    found = []
    for i, c in enumerate(json.load(open(nb_path)).get('cells', [])):
        for o in c.get('outputs', []):
            found += [f'cell {i}: {l.strip()[:160]}' for l in output_text(o).splitlines() if pat.search(l)]
    return found

if __name__ == '__main__':
    repo = Path(__file__).resolve().parents[1]
    nbs = sys.argv[1:] or sorted(glob.glob(str(repo/'nbs'/'*.ipynb')))
    pat, bad = leak_pattern(repo), 0
    for p in nbs:
        for l in leaks(p, pat): print(f'{os.path.relpath(p, repo)}: {l}'); bad += 1
    if bad: print(f'FAIL: {bad} output lines name a temporary or machine path (print paths relative to the run or data folder)')
    sys.exit(1 if bad else 0)
