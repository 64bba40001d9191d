"""nbdev's docs processing of one notebook (what `nbdev_proc_nbs` does to each), run by tools/docs.py.

Usage: python tools/docs_proc.py SRC.ipynb DST.ipynb
nbdev's own processors (`FilterDefaults`: front matter, show_doc cells added for exported symbols and executed,
hidden and export cells removed, doc links) with one change: nbdev executes, to render show_doc, every cell holding
an import; a cell that mixes imports with other code (say `import matplotlib.pyplot as plt` and a plot, or a slow
full-IMDb cell) would run in full there, and fail when it needs earlier cells. Here only its import statements run,
and the cell keeps its committed outputs. tools/docs.py lists such cells so they can be split (nbdev's FAQ), which
`nbdev_docs` with Quarto needs.
"""
import ast, os, sys
from pathlib import Path

def mixed_imports(src):
    "The import statements of `src` when it also holds other statements, else None."
    try: body = ast.parse(src).body
    except SyntaxError: return None
    imps = [n for n in body if isinstance(n, (ast.Import, ast.ImportFrom))]
    if not imps or len(imps) == len(body): return None
    return '\n'.join(ast.get_source_segment(src, n) for n in imps)

def main(src, dst):
    os.environ['IN_TEST'] = '1'
    from execnb.nbio import read_nb, write_nb
    from nbdev.processors import FilterDefaults, exec_show_docs, _do_eval

    class exec_show_docs_imports(exec_show_docs):
        "nbdev's `exec_show_docs`, running only the imports of cells that mix imports with other code."
        def __call__(self, cell):
            if not _do_eval(cell) or not getattr(self.nb, 'has_docs_', False) or not hasattr(self, 'k'):
                return super().__call__(cell)
            d = getattr(cell, 'directives_', {}) or {}
            imps = None if d.keys() & {'export', 'exports', 'exporti', 'exec_doc'} else mixed_imports(cell.source)
            if imps is None: return super().__call__(cell)
            self.k.run(imps)
            if self.k.exc:
                raise Exception(f"Error in {src} cell {cell.idx_} (its imports):\n{imps}") from self.k.exc

    class Filter(FilterDefaults):
        def base_procs(self):
            return [exec_show_docs_imports if p is exec_show_docs else p for p in super().base_procs()]

    nb = read_nb(src)
    Filter()(nb)
    Path(dst).parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(str(dst) + '.tmp')
    write_nb(nb, tmp); tmp.replace(dst)

if __name__ == '__main__': main(*sys.argv[1:3])
