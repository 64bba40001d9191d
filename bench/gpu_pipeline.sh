#!/usr/bin/env bash
# Full IMDb through the project's own code on a GPU machine that has torch but neither fastai nor spaCy
# (DEVELOPERS.md: the device; at most 64 MiB travels per call, 15 device-minutes per session).
#
#   bench/gpu_pipeline.sh prepare [--limit N] [RUN]   here: tokenize into RUN (default .gpu/run), stop after tokenize;
#                                                      wheels for the device into .whl/; print what travels
#   bench/gpu_pipeline.sh device [RUN] [TRAIN ARGS]   there (or here, for the dry run): install the wheels if fastai
#                                                      is missing, continue the run (both directions at once, throughput
#                                                      lines, test metrics), copy the results under $OUT
#   bench/gpu_pipeline.sh after [RUN_OR_OUT]          here: the summary and the test metrics
#
# The device call (the `run` tool), with a timeout that leaves room for a rerun:
#   carry ['.gpu', '.whl'], command:
#   PYTHONUNBUFFERED=1 bash bench/gpu_pipeline.sh device .gpu/run --max-minutes 2 --log-every 200
# A dry run on CPU, end to end (tiny preset, a slice of IMDb, interrupted once and resumed): bench/gpu_dry_run.sh.
# PRESET=tiny makes `prepare` tokenize for the tiny preset (default: book); SKIP_WHEELS=1 skips the wheels.
set -euo pipefail
cmd=${1:?usage: gpu_pipeline.sh prepare|device|after ...}; shift
WHEELS="fastai==2.8.7 fastcore==1.14.5 fastprogress fastdownload fasttransform plum-dispatch beartype"

case "$cmd" in
prepare)
  limit=(); if [[ "${1:-}" == --limit ]]; then limit=(--limit "$2"); shift 2; fi
  run=${1:-.gpu/run}; shift || true
  preset=${PRESET:-book}
  mkdir -p "$(dirname "$run")"
  t0=$(date +%s)
  ulmfit train --data imdb --preset "$preset" "${limit[@]}" --out "$run" --stop-after tokenize "$@"
  echo "tokenized in $(( $(date +%s) - t0 )) s: $(du -sb "$run" | cut -f1) bytes in $run"
  grep -qx '/.whl/' .git/info/exclude 2>/dev/null || echo /.whl/ >> .git/info/exclude
  grep -qx '/.gpu/' .git/info/exclude 2>/dev/null || echo /.gpu/ >> .git/info/exclude
  if [[ -n "${SKIP_WHEELS:-}" ]]; then echo "SKIP_WHEELS: no wheels made (the dry run has fastai)"; exit 0; fi
  if [[ ! -d .whl ]] || ! ls .whl/fastai-2.8.7-*.whl >/dev/null 2>&1; then
    # pure-Python wheels: one download serves any Python 3.12 machine
    python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 -d .whl $WHEELS
  fi
  rm -f .whl/ulmfit_nb-*.whl && python3 -m pip wheel -q --no-deps --no-build-isolation -w .whl .
  echo "travels: $(du -sb "$run" .whl | awk '{s+=$1} END {printf "%.1f MiB", s/1048576}') (the limit is 64 MiB)"
  ;;
device)
  run=${1:-.gpu/run}; shift || true
  out=${OUT:-$run/out}; mkdir -p "$out"
  if ! python3 -c 'import fastai, ulmfit_nb' 2>/dev/null; then
    python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
    export PYTHONPATH=/tmp/site${PYTHONPATH:+:$PYTHONPATH}
  fi
  python3 -c 'import torch; print("torch", torch.__version__, "cuda" if torch.cuda.is_available() else "cpu",
              torch.cuda.get_device_name(0) if torch.cuda.is_available() else "")' | tee "$out/device.txt"
  set +e
  python3 -m ulmfit_nb.cli train --out "$run" --resume --parallel-directions "$@" 2>&1 | tee -a "$out/train.log"
  rc=${PIPESTATUS[0]}
  set -e
  # what comes back: the numbers, the plots and the small files (not the checkpoints or the tokenized data)
  (cd "$run" && find . -maxdepth 2 \( -name '*.json' -o -name '*.csv' -o -name '*.md' -o -name '*.png' \) -size -5M \
     ! -path './tokenize/*' -print0 | tar --null -cf - -T - | tar -xf - -C "$out") || echo "could not copy the results of $run"
  echo "train exit code $rc; results in $out"
  exit "$rc"
  ;;
after)
  d=${1:-.gpu/run}
  cat "$d/summary.md" 2>/dev/null || echo "no summary.md in $d (the run did not complete: see $d/status.json)"
  if [[ -f "$d/test_metrics.json" ]]; then cat "$d/test_metrics.json"; fi
  ;;
*) echo "unknown step $cmd: prepare, device or after" >&2; exit 2 ;;
esac
