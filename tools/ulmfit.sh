#!/usr/bin/env bash
# README command (1): set up .venv once (tools/setup.sh), then run the `ulmfit` console script with the given
# arguments, e.g. `bash tools/ulmfit.sh train` (embedded review corpus, tiny preset, about a minute on 2 CPU cores; `--help` lists the options).
# Paths in the arguments are taken relative to the folder you run this from.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/tools/setup.sh" >&2
exec "$root/.venv/bin/ulmfit" "$@"
