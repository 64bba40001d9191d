"""Open the built docs site (`_site/`, from `python tools/docs.py`) in headless Chromium and check what a reader sees.

- the index page shows the README: its title, each of its `##` sections, and a table when the README has one;
- the sidebar lists every page in pipeline order, and every page is served;
- one API page (`--page`, default `02_tokenization`) shows a show_doc entry: a signature, and a parameter table,
  both visible; and a plot: an image loaded (non-zero natural size) and visible.
Screenshots go to `_site_shots/` (index, API page, the parameter table, the plot).

Serves `_site/` on a free localhost port; Chromium (Debian's `chromium` + `chromium-driver`) runs through Selenium with
the network features off. Exits 1 naming each failed check.
Usage: python tools/docs_check.py [--page NOTEBOOK_OR_PAGE] [--site DIR] [--shots DIR]
"""
import argparse, functools, http.server, json, re, shutil, sys, tempfile, threading, time, urllib.request
from pathlib import Path
from browser import browser, missing as browser_missing   # tools/browser.py: how every browser check starts Chromium

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGE = '02_tokenization'   # the page with show_doc tables and a matplotlib plot
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass

def serve(site):
    "Serve `site` on 127.0.0.1 on a free port, in a daemon thread; returns (server, base url)."
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f'http://127.0.0.1:{srv.server_address[1]}/'

def visible(d, el):
    "Displayed and with a non-empty box."
    r = d.execute_script('const r=arguments[0].getBoundingClientRect(); return [r.width, r.height];', el)
    return el.is_displayed() and r[0] > 0 and r[1] > 0

def full_shot(d, path):
    "Screenshot of the whole page (window resized to the page height, at most 12000 px)."
    h = d.execute_script('return document.documentElement.scrollHeight')
    d.set_window_size(1280, min(max(h, 800), 12000))
    d.save_screenshot(str(path))
    d.set_window_size(1280, 1400)

def choose_page(pages, want):
    "The API page to check: `want` (a notebook stem like 02_tokenization, or a page name like tokenization)."
    for p in pages:
        if want in (Path(p['notebook']).stem, Path(p['page']).stem, p['page']): return p
    return None

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--page', default=None, help=f'notebook (e.g. {DEFAULT_PAGE}) or page to check; default '
                    f'{DEFAULT_PAGE}, or while it is not there yet, the first page with a show_doc and a plot')
    ap.add_argument('--site', default=str(ROOT/'_site'))
    ap.add_argument('--shots', default=str(ROOT/'_site_shots'))
    a = ap.parse_args()
    site, shots = Path(a.site), Path(a.shots)
    if not (site/'pages.json').exists(): sys.exit(f'docs check: {site}/pages.json missing: build the site first (python tools/docs.py)')
    pages = json.loads((site/'pages.json').read_text())
    api = choose_page(pages, a.page or DEFAULT_PAGE)
    if api is None and a.page is None:
        api = next((p for p in pages[1:] if p['show_docs'] and p['images']), None) or (pages[1:] or pages)[0]
        print(f"docs check: no {DEFAULT_PAGE} page yet: checking {api['notebook']} instead")
    if api is None: sys.exit(f"docs check: no page for --page {a.page!r}; pages: {', '.join(p['notebook'] for p in pages)}")
    if browser_missing(): sys.exit(f"docs check: {', '.join(browser_missing())} missing: bash tools/chromium.sh installs them")
    if shots.exists(): shutil.rmtree(shots)
    shots.mkdir(parents=True)
    results = []
    def check(name, ok, detail=''):
        results.append((name, bool(ok)))
        print(f"docs check: {'ok  ' if ok else 'FAIL'} {name}{': ' + str(detail) if detail and not ok else ''}")

    from selenium.webdriver.common.by import By
    srv, base = serve(site)
    user_dir = tempfile.mkdtemp(prefix='docs-chromium-')
    d = browser(user_dir)
    try:
        # every page is served
        bad = []
        for p in pages:
            try: urllib.request.urlopen(base + p['page'], timeout=10).read()
            except Exception as e: bad.append(f"{p['page']} ({e})")
        check(f'all {len(pages)} pages served', not bad, ', '.join(bad))

        # index = README
        d.get(base + 'index.html')
        article = d.find_element(By.CSS_SELECTOR, 'article')
        h1 = article.find_elements(By.TAG_NAME, 'h1')
        check('index: title visible', h1 and visible(d, h1[0]) and h1[0].text.replace('¶', '').strip() == pages[0]['title'],
              h1[0].text if h1 else 'no h1')
        readme = (ROOT/'README.md').read_text() if (ROOT/'README.md').exists() else ''
        want = [re.sub(r'[`*_]', '', h).strip() for h in re.findall(r'^##\s+(.+)$', readme, re.M)]
        shown = [h.text.replace('¶', '').strip() for h in article.find_elements(By.TAG_NAME, 'h2') if visible(d, h)]
        missing = [h for h in want if h not in shown]
        check(f"index: README sections visible ({', '.join(want) or 'none'})", not missing, 'missing: ' + ', '.join(missing))
        if re.search(r'^\|.*\|\s*$\n^\|\s*:?-{3,}', readme, re.M):
            check('index: README table visible', any(visible(d, t) for t in article.find_elements(By.TAG_NAME, 'table')))
        hrefs = []
        for el in d.find_elements(By.CSS_SELECTOR, 'nav.md-nav--primary a.md-nav__link[href]'):
            h = el.get_attribute('href').split('#')[0].rsplit('/', 1)[-1] or 'index.html'
            if '#' not in el.get_attribute('href') and h not in hrefs: hrefs.append(h)
        want_nav = [p['page'] for p in pages]
        check('sidebar: every page, in pipeline order', hrefs == want_nav, f'{hrefs} vs {want_nav}')
        full_shot(d, shots/'index.png')

        # API page
        d.get(base + api['page'])
        article = d.find_element(By.CSS_SELECTOR, 'article')
        h1 = article.find_elements(By.TAG_NAME, 'h1')
        check(f"{api['page']}: title visible", h1 and visible(d, h1[0]) and api['title'] in h1[0].text,
              h1[0].text if h1 else 'no h1')
        sigs = [e for e in article.find_elements(By.CSS_SELECTOR, '.jp-RenderedMarkdown pre')
                if re.match(r'\s*(async\s+)?(def|class)\s+\w', e.text) and visible(d, e)]
        check(f"{api['page']}: show_doc signatures visible", sigs, f'{len(sigs)} found')
        tables = [t for t in article.find_elements(By.CSS_SELECTOR, '.jp-RenderedMarkdown table')
                  if visible(d, t) and re.search(r'\b(Type|Details)\b', t.find_element(By.TAG_NAME, 'tr').text)]
        check(f"{api['page']}: show_doc parameter table visible", tables, f'{len(tables)} found')
        if tables:
            d.execute_script('arguments[0].scrollIntoView({block: "center"})', tables[0])
            tables[0].screenshot(str(shots/'signature_table.png'))
        imgs = [i for i in article.find_elements(By.CSS_SELECTOR, '.jp-OutputArea-output img, .jp-RenderedImage img')
                if visible(d, i) and d.execute_script('return arguments[0].complete && arguments[0].naturalWidth', i)]
        check(f"{api['page']}: plot image loaded and visible", imgs, f'{len(imgs)} found')
        if imgs:
            d.execute_script('arguments[0].scrollIntoView({block: "center"})', imgs[0])
            imgs[0].screenshot(str(shots/'plot.png'))
        d.execute_script('window.scrollTo(0, 0)'); time.sleep(0.6)   # let the header's title transition finish
        d.save_screenshot(str(shots/'api_top.png'))
        full_shot(d, shots/'api.png')
    finally:
        d.quit(); srv.shutdown(); shutil.rmtree(user_dir, ignore_errors=True)
    npass = sum(ok for _, ok in results)
    print(f'screenshots: {shots}')
    print(f'docs: {npass} passed, {len(results) - npass} failed')
    sys.exit(0 if npass == len(results) else 1)

if __name__ == '__main__': main()
