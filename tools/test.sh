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

# Two lanes of notebooks side by side, one notebook each at a time (one torch thread each, so both cores work).
# The notebooks that start processes of their own (torchrun, a server, both directions at once) are all in lane 1,
# one after another, so that no two of them run together: more processes than cores slow each other far more than
# twofold (DEVELOPERS.md). Lane 1 starts with 09, the longest, so that the two lanes take about as long (about
# 1,000 s each on the 2-core machine); lane 2 takes the others, longest first. TEST_JOBS=1 runs one lane after the
# other. Each notebook's output is printed whole when it ends, so two never interleave.
logs=$(mktemp -d)
lane1=(nbs/09_backwards_ensemble.ipynb nbs/18_train_tests.ipynb nbs/19_serve_tests.ipynb nbs/13_distributed.ipynb nbs/16_serve.ipynb)
lane2=(nbs/08_classifier.ipynb nbs/06_lm_finetune.ipynb nbs/10_disinformation.ipynb nbs/07_generation.ipynb)
for nb in nbs/[0-9]*.ipynb nbs/index.ipynb; do [[ " ${lane1[*]} ${lane2[*]} " == *" $nb "* ]] || lane2+=("$nb"); done
run_one() {  # notebook, log folder, nbdev_test's extra arguments
  local nb=$1 logs=$2; shift 2
  local name=$(basename "$nb" .ipynb) start=$(date +%s) r=ok
  nbdev_test --path "$nb" --do_print --timing "$@" > "$logs/$name.log" 2>&1 || r=FAILED
  { cat "$logs/$name.log"; echo "== $nb: $r in $(( $(date +%s) - start ))s"; }
  echo "$r" > "$logs/$name.rc"
}
extra=("$@")
lane() { for nb in "$@"; do [ -e "$nb" ] && run_one "$nb" "$logs" "${extra[@]}"; done; }
if [ "${TEST_JOBS:-2}" -gt 1 ]; then lane "${lane1[@]}" & lane "${lane2[@]}"; wait
else lane "${lane1[@]}" "${lane2[@]}"; fi
order=("${lane1[@]}" "${lane2[@]}")
passed=0; failed=0; failed_nbs=()
for nb in "${order[@]}"; do
  [ -e "$nb" ] || continue
  if [ "$(cat "$logs/$(basename "$nb" .ipynb).rc" 2>/dev/null)" = ok ]; then passed=$((passed+1)); else failed=$((failed+1)); failed_nbs+=("$nb"); fi
done
rm -rf "$logs"
echo "== docs site (offline build + headless Chromium check)"
if bash tools/docs.sh --check; then passed=$((passed+1)); else failed=$((failed+1)); failed_nbs+=("docs site"); fail=1; fi

[ "$failed" -gt 0 ] && echo "Failed notebooks: ${failed_nbs[*]}"
echo "checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$fail" -eq 0 ]
