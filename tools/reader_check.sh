#!/usr/bin/env bash
# Run notebooks as a reader does, `jupyter nbconvert --execute`, every cell (the `slow` ones too), in a fresh HOME
# with no ULMFIT_DATA or ULMFIT_CACHE: the datasets sit in fastai's data folder as `untar_data` leaves them after a
# download, so the notebooks find them the way a reader's machine does.
# Usage: bash tools/reader_check.sh [notebook ...]   (default: the chapter notebooks 01-10 and 12; 11 trains on a GPU)
# The datasets are copied from DATA_SRC (default ../shared/data). Exits non-zero if any notebook fails.
set -uo pipefail
cd "$(dirname "$0")/.."
. .venv/bin/activate
src=${DATA_SRC:-../shared/data}
nbs=("$@"); [ ${#nbs[@]} -gt 0 ] || nbs=(nbs/0[1-9]_*.ipynb nbs/10_*.ipynb nbs/12_*.ipynb)
home=$(mktemp -d); out=$home/executed; mkdir -p "$home/.fastai/data" "$out"
cp -r "$src/imdb_sample" "$home/.fastai/data/"
tar xzf "$src/imdb.tgz" -C "$home/.fastai/data/"
echo "== fresh HOME $home: $(ls "$home/.fastai/data" | tr '\n' ' ')"
failed=()
for nb in "${nbs[@]}"; do
  start=$(date +%s)
  if env -u ULMFIT_DATA -u ULMFIT_CACHE HOME="$home" jupyter nbconvert --to notebook --execute \
       --ExecutePreprocessor.timeout=7200 --output-dir "$out" "$nb" > "$out/$(basename "$nb").log" 2>&1; then r=ok
  else r=FAILED; failed+=("$nb"); tail -20 "$out/$(basename "$nb").log"; fi
  echo "== $nb: $r in $(( $(date +%s) - start ))s"
done
rm -rf "$home"
[ ${#failed[@]} -eq 0 ] && echo "all ${#nbs[@]} notebooks ran" || { echo "FAILED: ${failed[*]}"; exit 1; }
