#!/usr/bin/env bash
# Install Debian's chromium and chromium-driver when they are missing: the browser checks (tools/docs_check.py and
# the page test in nbs/19_serve_tests.ipynb) drive them through Selenium (tools/browser.py).
set -euo pipefail
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "== installing Debian's chromium and chromium-driver"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi
