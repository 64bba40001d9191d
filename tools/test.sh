#!/usr/bin/env bash
# Set up .venv if needed, then run every notebook in nbs/ as a test with nbdev_test (CPU, sample data),
# and check that the notebooks are clean and that the package matches them.
# Cells flagged `slow` (full IMDb) or `cuda` (GPU) are skipped; run them with: nbdev_test --flags "slow cuda"
# Exits non-zero if any notebook fails or the checks find a difference.
set -uo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh || { echo "setup failed"; exit 1; }
. .venv/bin/activate
# Offline data mirror: use ../shared/data when it exists and nothing else was chosen.
if [ -z "${ULMFIT_DATA:-}" ] && [ -d ../shared/data ]; then export ULMFIT_DATA=$(cd ../shared/data && pwd); fi
echo "== ULMFIT_DATA=${ULMFIT_DATA:-<unset: real downloads>}"
export ULMFIT_CACHE=${ULMFIT_CACHE:-$PWD/.cache}
export MPLBACKEND=Agg PYTHONWARNINGS=ignore
# One torch thread per process: the notebooks' models are tiny, and on 2 shared cores two threads per process are
# oversubscribed as soon as anything else runs (07_generation beside an `ulmfit train` and another test run: 548 s with two threads, 31 s with one).
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}

fail=0
echo "== nbdev_export: package must match the notebooks"
nbdev_export
if [ -n "$(git status --porcelain -- ulmfit_nb 2>/dev/null)" ]; then
  echo "FAIL: nbdev_export changed ulmfit_nb/: edit the notebooks, export, and commit both"; git status --porcelain -- ulmfit_nb; fail=1
fi
echo "== nbdev_clean: notebooks must be clean"
nbdev_clean
if [ -n "$(git status --porcelain -- nbs 2>/dev/null)" ]; then
  echo "FAIL: notebooks are not clean (run nbdev_clean and commit)"; git status --porcelain -- nbs; fail=1
fi

echo "== README.md must match nbs/index.ipynb"
python tools/readme.py --check || fail=1

echo "== committed outputs name no temporary or machine path"
python tools/check_outputs.py || fail=1

echo "== headless Chromium for the browser checks (19_serve_tests' page, the docs site)"
bash tools/chromium.sh || { echo "FAIL: could not install chromium and chromium-driver (tools/chromium.sh)"; fail=1; }

passed=0; failed=0; failed_nbs=()
for nb in nbs/[0-9]*.ipynb nbs/index.ipynb; do
  [ -e "$nb" ] || continue
  start=$(date +%s)
  if nbdev_test --path "$nb" --do_print --timing "$@"; then r=ok; passed=$((passed+1)); else r=FAILED; failed=$((failed+1)); failed_nbs+=("$nb"); fi
  echo "== $nb: $r in $(( $(date +%s) - start ))s"
done
echo "== docs site (offline build + headless Chromium check)"
if bash tools/docs.sh --check; then passed=$((passed+1)); else failed=$((failed+1)); failed_nbs+=("docs site"); fail=1; fi

[ "$failed" -gt 0 ] && echo "Failed notebooks: ${failed_nbs[*]}"
echo "checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$fail" -eq 0 ]
