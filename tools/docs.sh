#!/usr/bin/env bash
# Build the documentation website offline (no Quarto) into _site/, from the notebooks in nbs/:
# nbdev's processing (_proc/), then MkDocs + Material + mkdocs-jupyter (see tools/docs.py and mkdocs.yml).
# Fails if a public function or class in ulmfit_nb lacks a docstring or a show_doc entry on its notebook's page.
#   bash tools/docs.sh                 build _site/ (open _site/index.html, or: python -m http.server -d _site)
#   bash tools/docs.sh --check         build, then check it in headless Chromium (tools/docs_check.py);
#                                      screenshots in _site_shots/. Installs chromium + chromium-driver if missing.
#   bash tools/docs.sh --check --page 01_data    check another notebook's page (default 02_tokenization)
#   bash tools/docs.sh --force         re-process every notebook (ignore nbdev's _proc/ cache)
set -euo pipefail
cd "$(dirname "$0")/.."
# The docs tools, pinned (the same pins are in settings.ini's dev_requirements when the lead has added them).
DOCS_REQS="mkdocs==1.6.1 mkdocs-material==9.8.2 mkdocs-jupyter==0.26.3 selenium==4.51.0"

check=0; force=(); check_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --check) check=1 ;;
    --force) force=(--force) ;;
    --page) check_args+=(--page "$2"); shift ;;
    *) echo "usage: bash tools/docs.sh [--check [--page NOTEBOOK]] [--force]"; exit 2 ;;
  esac; shift
done

bash tools/setup.sh
. .venv/bin/activate
if ! python -c "import mkdocs, material, mkdocs_jupyter, selenium" 2>/dev/null; then
  echo "== installing the docs tools: $DOCS_REQS"
  pip install -q $DOCS_REQS
fi
if [ -z "${ULMFIT_DATA:-}" ] && [ -d ../shared/data ]; then export ULMFIT_DATA=$(cd ../shared/data && pwd); fi
export ULMFIT_CACHE=${ULMFIT_CACHE:-$PWD/.cache} MPLBACKEND=Agg PYTHONWARNINGS=ignore

echo "== docs: building _site/"
python tools/docs.py "${force[@]}"

if [ "$check" = 1 ]; then
  bash tools/chromium.sh
  echo "== docs: checking _site/ in headless Chromium"
  python tools/docs_check.py "${check_args[@]}"
fi
