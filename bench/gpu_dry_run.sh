#!/usr/bin/env bash
# The GPU protocol (bench/gpu_pipeline.sh), dry-run end to end on this CPU: a slice of IMDb (default 2,000 labelled
# reviews and 2,000 unlabelled), the tiny preset, one LM epoch per direction. It tokenizes into one folder, copies the
# run directory to another (the first deleted), continues it there with spaCy hidden (as on the device), both
# directions at once, stops it with SIGTERM once a language model is done, resumes it, and checks that the test
# reviews were scored once.
#   usage (repo root, venv active, ULMFIT_DATA set): bash bench/gpu_dry_run.sh [LIMIT]
set -euo pipefail
limit=${1:-2000}
work=$(mktemp -d /tmp/gpu-dry-run-XXXX)
here=$work/here/run there=$work/there/run
echo "== prepare (limit $limit) in $here"
PRESET=tiny SKIP_WHEELS=${SKIP_WHEELS:-1} bash bench/gpu_pipeline.sh prepare --limit "$limit" "$here" \
  --lm-frozen-epochs 0 --lm-epochs 1 --clas-epochs 1,0,0,1
mkdir -p "$(dirname "$there")" && cp -r "$here" "$there" && rm -rf "$work/here"

mkdir -p "$work/nospacy/spacy"  # an `import spacy` that fails, as on the device
echo 'raise ImportError("no spaCy here (the dry run hides it, as on the GPU machine)")' > "$work/nospacy/spacy/__init__.py"
export PYTHONPATH=$work/nospacy${PYTHONPATH:+:$PYTHONPATH} OUT=$work/out

echo "== device step, to be interrupted"
set +e
bash bench/gpu_pipeline.sh device "$there" --log-every 100 > "$work/first.log" 2>&1 &
for _ in $(seq 1200); do
  [[ -f $there/stages/lm_fwd.json || -f $there/stages/lm_bwd.json ]] && break; sleep 1
done
pid=$(pgrep -f "ulmfit_nb.cli train --out $there --resume --parallel-directions" | head -1)
kill -TERM "$pid"; wait %1; rc=$?
set -e
tail -5 "$work/first.log"
[[ $rc == 130 ]] || { echo "FAIL: the interrupted device step ended with $rc, not 130"; exit 1; }
python3 -c "import json,sys; s=json.load(open('$there/status.json')); print('status:', s['state'], s.get('stage')); sys.exit(s['state'] != 'interrupted')"

echo "== device step again: resumes"
bash bench/gpu_pipeline.sh device "$there" --log-every 100 > "$work/second.log" 2>&1
tail -12 "$work/second.log"
test -f "$OUT/test_metrics.json" && test -f "$there/COMPLETE.json"
bash bench/gpu_pipeline.sh after "$OUT"
echo "dry run passed: $work"
