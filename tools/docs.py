"""Build the documentation website offline from the notebooks, without Quarto (which cannot be installed here).

1. nbdev's own processing (its `FilterDefaults` processors, what `nbdev_proc_nbs` runs on each notebook, without
   that command's Quarto install step) writes `_proc/` (tools/docs_proc.py): show_doc cells added for every exported
   symbol and executed, hidden and export cells removed. Cells mixing imports with other code run only their imports.
2. Each processed notebook becomes a page in `docs_build/docs/` (named as nbdev names it: `data.ipynb` -> `data.html`):
   nbdev's front matter becomes the title and summary, the Quarto cell options (`#| echo: false`, `#| output: asis`)
   are applied, each show_doc's markdown becomes a Markdown cell, with a parameter table (fastcore's `DocmentTbl`
   docments: type, default and details of each parameter, as an HTML table), and links into the published site become relative links.
3. MkDocs (Material theme, mkdocs-jupyter, no execution) turns the pages into `_site/`, with the navigation in
   pipeline order: the index (the README's notebook), then `nbs/NN_*.ipynb` in number order.
4. Checks: every public name in `ulmfit_nb/*.py`'s `__all__` that is a function or class has a docstring and a
   show_doc entry on the page of the notebook that exports it; the build fails naming those that don't.

This is the project's one documentation site: the tests build and check it, `.github/workflows/deploy.yaml` publishes it.
Usage: python tools/docs.py [--force]   (run by `bash tools/docs.sh`, which sets up the environment first)
"""
import ast, html, importlib, json, os, re, shutil, subprocess, sys, time
from pathlib import Path
import nbformat, yaml

ROOT = Path(__file__).resolve().parent.parent
NBS, PROC, BUILD, SITE = ROOT/'nbs', ROOT/'_proc', ROOT/'docs_build', ROOT/'_site'
LIB = ROOT/'ulmfit_nb'

class DocsError(Exception): pass

def read_settings():
    import configparser
    cp = configparser.ConfigParser(); cp.read(ROOT/'settings.ini')
    return cp['DEFAULT']

def notebooks():
    "The notebooks of the site in pipeline order: the index, then `nbs/NN_*.ipynb` in number order."
    nbs = [p for p in NBS.glob('[0-9]*.ipynb') if re.fullmatch(r'\d+_\w+\.ipynb', p.name)]  # not `x.ipynb.run.ipynb` leftovers
    nbs = sorted(nbs, key=lambda p: (int(re.match(r'\d+', p.name).group()), p.name))
    return ([NBS/'index.ipynb'] if (NBS/'index.ipynb').exists() else []) + nbs

def mixed_import_cells(nbs):
    "`nb:cell` for code cells that mix imports with other code: nbdev runs them while processing the docs (see below)."
    res = []
    for p in nbs:
        for i, c in enumerate(nbformat.read(p, as_version=4).cells):
            if c.cell_type != 'code': continue
            opts, src = directives(c.source)
            if str(opts.get('eval', '')).lower() == 'false' or 'nbdev_export' in src: continue
            try: body = ast.parse(src).body
            except SyntaxError: continue
            imps = sum(isinstance(n, (ast.Import, ast.ImportFrom)) for n in body)
            if 0 < imps < len(body) and not opts.keys() & {'export', 'exports', 'exporti', 'exec_doc'}:
                res.append(f"{p.relative_to(ROOT)} cell {i+1}: {src.strip().splitlines()[0][:70]}")
    return res

def process(nbs, force=False):
    "nbdev's processing of each notebook into `_proc/` (tools/docs_proc.py), two at a time; unchanged ones are kept."
    deps = max(f.stat().st_mtime for f in [ROOT/'settings.ini', ROOT/'tools'/'docs_proc.py'])
    todo = [p for p in nbs if force or not (PROC/p.name).exists()
            or (PROC/p.name).stat().st_mtime < max(p.stat().st_mtime, deps)]
    env = dict(os.environ, MPLBACKEND='Agg', PYTHONWARNINGS='ignore')
    running, failed = [], []
    def reap(block):
        for p, r in list(running):
            if block or r.poll() is not None:
                out = r.communicate()[0]; running.remove((p, r))
                if r.returncode: failed.append((p, out))
    for p in todo:
        while len(running) >= 2: time.sleep(0.2); reap(False)
        running.append((p, subprocess.Popen([sys.executable, str(ROOT/'tools'/'docs_proc.py'), str(p), str(PROC/p.name)],
                        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)))
    reap(True)
    mixed = mixed_import_cells(nbs)
    if mixed: print("docs: warning: cells that mix imports with other code; nbdev's processing would run them in full to "
                    'render show_doc, this build runs only their imports. Put the imports in cells of their own:\n  '
                    + '\n  '.join(mixed))
    if failed:
        msgs = []
        for p, out in failed:
            errs = re.findall(r'^Exception: (Error in .*?)(?=^\S*Traceback|^The above|\Z)', out, re.S | re.M)
            msgs.append(f'{p.relative_to(ROOT)}:\n' + (errs[-1].strip() if errs else out[-3000:]))
        raise DocsError('nbdev processing failed:\n' + '\n'.join(msgs))
    return len(todo)

# --- turning a processed notebook into a page ------------------------------------------------------------------------
_dir_re = re.compile(r'^\s*#\|\s*(.*?)\s*$')

def directives(src):
    "`(options, source without the `#|` lines)` for a cell's source (Quarto `key: value` options and nbdev flags)."
    opts, keep = {}, []
    for line in src.splitlines():
        m = _dir_re.match(line)
        if m:
            k, _, v = m.group(1).partition(':')
            opts[k.strip()] = v.strip() if _ else True
        else: keep.append(line)
    return opts, '\n'.join(keep).strip('\n')

def fix_links(md, site_url):
    "Links into the published site become relative; links to a notebook (`06_lm_finetune.ipynb#x`) go to its page; pandoc's `[t](u){attrs}` becomes an HTML link."
    if site_url: md = md.replace(site_url.rstrip('/') + '/', '')
    md = re.sub(r'\]\(\d+_(\w+)\.ipynb(#[^)\s]*)?\)', lambda m: f']({m.group(1)}.html{m.group(2) or ""})', md)
    return re.sub(r'\[([^\]]+)\]\(([^)\s]+)\)\{([^}]*)\}',
                  lambda m: f'<a href="{html.escape(m.group(2))}" {m.group(3)} class="nbdev-link">{m.group(1)}</a>', md)

def _inline(s):
    "Escape `s` for HTML, with its `code` spans."
    return re.sub(r'`([^`]+)`', r'<code>\1</code>', html.escape(str(s)))

def param_table(expr, ns):
    "HTML table of fastcore's docments (type, default, details of each parameter, and the return) for `expr` in `ns`."
    if not ns: return ''
    try:
        from fastcore.docments import DocmentTbl, _maybe_nm
        t = DocmentTbl(eval(expr, ns))
        if not t.has_docment: return ''
        cols = list(t._columns)
        hdr = ''.join(f'<th>{t._map[c]}</th>' for c in cols)
        rows = [f'<tr><td>{_inline(nm)}</td>' + ''.join(f'<td>{_inline(_maybe_nm(v))}</td>' for v in row[1:]) + '</tr>'
                for row in t._row_list for nm in [row[0]]]
        if t.has_return:
            rows.append('<tr><td><strong>Returns</strong></td>' + ''.join(
                f'<td><strong>{_inline(_maybe_nm(t.dm["return"][c]))}</strong></td>' for c in cols) + '</tr>')
        return (f'<table class="nbdev-params"><thead><tr><th></th>{hdr}</tr></thead><tbody>'
                + ''.join(rows) + '</tbody></table>')
    except Exception: return ''

def show_doc_md(cell, ns, site_url):
    "The Markdown of an executed `show_doc(...)` cell, with its parameter table; None if it is not one."
    m = re.fullmatch(r'show_doc\((.+?)(?:,\s*\w+\s*=.*)?\)', cell.source.strip(), re.S)
    mds = [o['data']['text/markdown'] for o in cell.get('outputs', []) if 'text/markdown' in o.get('data', {})]
    if not m or not mds: return None
    md = fix_links(''.join(mds), site_url)
    tbl = param_table(m.group(1), ns)
    return md + ('\n\n' + tbl if tbl else '')

def module_ns(src_nb):
    "The namespace of the module that notebook `src_nb` exports (`#| default_exp`), to look show_doc symbols up in."
    src = '\n'.join(c.source for c in nbformat.read(src_nb, as_version=4).cells if c.cell_type == 'code')
    m = re.search(r'^#\|\s*default_exp\s+(\S+)', src, re.M)
    if not m: return None, None
    try: return m.group(1), vars(importlib.import_module(f'ulmfit_nb.{m.group(1)}'))
    except Exception as e:
        print(f'docs: warning: cannot import ulmfit_nb.{m.group(1)} ({e!r}): no parameter tables on its page')
        return m.group(1), None

def page(src_nb, site_url):
    "Build the page notebook from `_proc/<src_nb>`; returns (page name, title, module, page notebook)."
    nb = nbformat.read(PROC/src_nb.name, as_version=4)
    module, ns = module_ns(src_nb)
    fm, cells = {}, []
    for c in nb.cells:
        if c.cell_type == 'raw' and c.source.lstrip().startswith('---'):
            fm.update(yaml.safe_load(c.source.strip().strip('-')) or {}); continue
        if c.cell_type == 'markdown':
            if 'AUTOGENERATED! DO NOT EDIT' in c.source: continue
            c.source = fix_links(c.source, site_url); cells.append(c); continue
        if c.cell_type != 'code': continue
        opts, c.source = directives(c.source)
        if str(opts.get('include', '')).lower() == 'false': continue
        if opts.get('output') == 'asis' or str(opts.get('echo', '')).lower() == 'false':
            md = show_doc_md(c, ns, site_url)
            if md is not None:
                cells.append(nbformat.v4.new_markdown_cell(md, metadata={'tags': ['showdoc']})); continue
        if str(opts.get('echo', '')).lower() == 'false': c.metadata.setdefault('tags', []).append('remove_input')
        if str(opts.get('output', '')).lower() == 'false': c.outputs = []
        if not c.source.strip() and not c.get('outputs'): continue
        cells.append(c)
    title = fm.get('title') or src_nb.stem
    head = f'# {title}\n\n' + (f'<p class="nbdev-summary">{html.escape(fm["description"])}</p>' if fm.get('description') else '')
    nb.cells = [nbformat.v4.new_markdown_cell(head)] + cells
    name = Path(fm.get('output-file') or src_nb.with_suffix('.html').name).stem
    return name, title, module, nb

# --- checks ----------------------------------------------------------------------------------------------------------
def public_symbols():
    "`{module: {name: has_docstring}}` for the functions and classes in each `ulmfit_nb/*.py`'s `__all__`."
    res = {}
    for f in sorted(LIB.glob('*.py')):
        if f.name.startswith('_'): continue
        tree = ast.parse(f.read_text())
        names = next((ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)
                      and any(getattr(t, 'id', None) == '__all__' for t in n.targets)), [])
        defs = {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        res[f.stem] = {n: bool(ast.get_docstring(defs[n])) for n in names if n in defs}
    return res

def check_symbols(pages):
    "Problems: public functions/classes without a docstring, or without a show_doc heading on their module's page."
    shown = {}
    for name, _, module, _ in pages:
        if module is None: continue
        h = (SITE/f'{name}.html').read_text()
        shown.setdefault(module, set()).update(html.unescape(re.sub(r'<[^>]+>', '', t)).replace('¶', '').strip()
                                               for t in re.findall(r'<h[2-4][^>]*>(.*?)</h[2-4]>', h, re.S))
    problems = []
    for module, syms in public_symbols().items():
        for sym, has_doc in syms.items():
            if not has_doc: problems.append(f'ulmfit_nb.{module}.{sym}: no docstring')
            if module not in shown: problems.append(f'ulmfit_nb.{module}.{sym}: no notebook page exports ulmfit_nb.{module}')
            elif sym not in shown[module]: problems.append(f'ulmfit_nb.{module}.{sym}: no show_doc entry on its page')
    return problems

# --- build -----------------------------------------------------------------------------------------------------------
def build(force=False):
    t0 = time.time()
    cfg = read_settings()
    nbs = notebooks()
    if not nbs: raise DocsError(f'no notebooks in {NBS}')
    (SITE/'pages.json').unlink(missing_ok=True)   # written last: its presence says the site built and passed the checks
    n = process(nbs, force); t1 = time.time()
    site_url = cfg.get('doc_host', '').rstrip('/') + cfg.get('doc_baseurl', '')
    sys.path.insert(0, str(ROOT))
    pages = [page(p, site_url) for p in nbs]
    docs = BUILD/'docs'
    if docs.exists(): shutil.rmtree(docs)
    docs.mkdir(parents=True)
    for name, _, _, nb in pages: nbformat.write(nb, docs/f'{name}.ipynb')
    for css in ['styles.css']:
        if (NBS/css).exists(): shutil.copy(NBS/css, docs/'nbdev.css')
    shutil.copy(ROOT/'docs_src'/'extra.css', docs/'extra.css')
    conf = {'INHERIT': '../mkdocs.yml', 'docs_dir': 'docs', 'site_dir': str(SITE),
            'nav': [{t: f'{n}.ipynb'} for n, t, _, _ in pages]}
    (BUILD/'mkdocs.yml').write_text('# Written by tools/docs.py: the pages in pipeline order. Edit ../mkdocs.yml instead.\n'
                                    + yaml.safe_dump(conf, sort_keys=False))
    t2 = time.time()
    r = subprocess.run([sys.executable, '-m', 'mkdocs', 'build', '--clean', '-q', '-f', str(BUILD/'mkdocs.yml')], cwd=ROOT,
                       env=dict(os.environ, NO_MKDOCS_2_WARNING='1'))
    if r.returncode: raise DocsError(f'mkdocs build failed with exit code {r.returncode}')
    problems = check_symbols(pages)
    if problems: raise DocsError('public API not documented:\n  ' + '\n  '.join(problems))
    def info(p, n, t, nb):
        return {'notebook': p.name, 'page': f'{n}.html', 'title': t,
                'show_docs': sum('showdoc' in c.metadata.get('tags', []) for c in nb.cells),
                'images': sum('image/png' in o.get('data', {}) for c in nb.cells for o in c.get('outputs', []))}
    (SITE/'pages.json').write_text(json.dumps([info(p, *pg[:2], pg[3]) for p, pg in zip(nbs, pages)], indent=1))
    print(f'docs: built {len(pages)} pages into {SITE.relative_to(ROOT)}/ in {time.time()-t0:.0f}s '
          f'(nbdev processing of {n} notebooks {t1-t0:.0f}s, pages {t2-t1:.0f}s, mkdocs {time.time()-t2:.0f}s): '
          + ', '.join(f'{n}.html' for n, *_ in pages))

if __name__ == '__main__':
    try: build(force='--force' in sys.argv)
    except DocsError as e: sys.exit(f'docs: FAILED: {e}')
