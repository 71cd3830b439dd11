#!/usr/bin/env bash
# Trains the ProMAG study of docs/promag.md on the project's corpus (build it first: scripts/make-corpus.sh --out
# corpus --seed 1): Stage I (promag-xs 4x), Stage II (grown to 8x), Stage III (grown to 16x), each exported for the
# next, and the same 8x and 16x architectures trained directly for the same total steps. Every run is seeded (the
# configs in configs/train/promag); a stopped script picks up where it stopped (finished runs are skipped, a
# started one resumes from its last checkpoint).
#   scripts/train-promag.sh [runs-dir]     (default: runs/promag; set VIDEOPIPE to run another build of the CLI)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-$root/runs/promag}"
vp="${VIDEOPIPE:-$root/videopipe}"
configs="$root/configs/train/promag"

. "$root/scripts/lib/train-runs.sh"

run stage1-4x
run stage2-8x "$runs/stage1-4x/export"
run stage3-16x "$runs/stage2-8x/export"
run direct-8x
run direct-16x
echo "train-promag: done; compare with: $vp train compare $runs/stage2-8x $runs/direct-8x --out 8x.png"
