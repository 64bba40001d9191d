"""Headless Chromium driven by Selenium, started the same way by every browser check of the project
(tools/docs_check.py, the page test of nbs/19_serve_tests.ipynb).

Debian's `chromium` and `chromium-driver` (`bash tools/chromium.sh` installs them), with the features that would
reach out of the machine turned off, and a new empty profile each time.
"""
import atexit, tempfile
from pathlib import Path

CHROMIUM, DRIVER = '/usr/bin/chromium', '/usr/bin/chromedriver'
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync',
         '--disable-dev-shm-usage']

def missing() -> list:
    "The browser files this machine lacks (empty when the checks can run)."
    return [f for f in (CHROMIUM, DRIVER) if not Path(f).exists()]

def browser(user_dir=None, width:int=1280, height:int=1400):
    "A headless Chromium `webdriver.Chrome`, its profile in `user_dir` (default: a new temporary folder)."
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    if missing(): raise RuntimeError(f"{', '.join(missing())} missing: run `bash tools/chromium.sh` (Debian's chromium and chromium-driver)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for f in FLAGS + [f'--window-size={width},{height}', f'--user-data-dir={user_dir or tempfile.mkdtemp(prefix="ulmfit-chromium-")}']:
        opts.add_argument(f)
    d = webdriver.Chrome(options=opts, service=Service(DRIVER))
    atexit.register(_quit, d)  # (a check that fails before its `quit` leaves no browser running)
    d.set_page_load_timeout(60)
    return d

def _quit(d):
    "Close `d` if its driver still runs (at exit)."
    proc = getattr(d.service, 'process', None)
    if proc is not None and proc.poll() is None:
        try: d.quit()
        except Exception: proc.kill()  # (the driver no longer answers)
