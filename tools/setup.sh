#!/usr/bin/env bash
# Create (once) the project's virtual environment in .venv and install ulmfit_nb into it.
# Safe to run again: it re-installs only when settings.ini changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv with $($PY --version)"
  "$PY" -m venv .venv
fi
stamp=.venv/.ulmfit_nb-installed
want=$(sha256sum settings.ini setup.py | sha256sum | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "== installing ulmfit_nb and its pinned dependencies (a few minutes on a fresh machine)"
  .venv/bin/pip install -q -U pip 'setuptools<82' wheel
  .venv/bin/pip install -q -e '.[dev]'
  echo "$want" > "$stamp"
fi
