#!/usr/bin/env bash
# Trains the REGEN study of docs/regen.md on the project's corpus (build it first: scripts/make-corpus.sh --out
# corpus --seed 1): the generative DiT decoder and the deterministic decoder of the same encoder and budget, at
# k = 8 and k = 16, each exported. Every run is seeded (configs/train/regen); a stopped script picks up where it
# stopped (finished runs are skipped, a started one resumes from its last checkpoint).
#   scripts/train-regen.sh [runs-dir]     (default: runs/regen; set VIDEOPIPE to run another build of the CLI)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-$root/runs/regen}"
vp="${VIDEOPIPE:-$root/videopipe}"
configs="$root/configs/train/regen"

. "$root/scripts/lib/train-runs.sh"

for k in 8 16; do
  run "generative-${k}x"
  run "deterministic-${k}x"
done
echo "train-regen: done; compare with: $vp train compare $runs/generative-8x $runs/deterministic-8x --out 8x.png"
