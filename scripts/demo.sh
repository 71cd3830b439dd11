#!/usr/bin/env bash
# The main job on the embedded default: precompute latents for a small generated dataset with the tiny
# OD-VAE configuration shipped in configs/ (seeded random weights: no download needed), then report status
# and merge the manifest. Pass --weights/--config style overrides through VIDEOPIPE_DEMO_ARGS if you have
# released weights.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
work="${VIDEOPIPE_DEMO_DIR:-$root/artifacts/demo}"
mkdir -p "$work/videos"
for spec in "testsrc2:clip-a" "mandelbrot:clip-b" "rgbtestsrc:clip-c"; do
  src="${spec%%:*}"; name="${spec##*:}"
  [ -s "$work/videos/$name.mp4" ] || ffmpeg -hide_banner -loglevel error -y -f lavfi -i "$src=size=96x64:rate=12" \
    -t 3 -pix_fmt yuv420p -c:v libx264 "$work/videos/$name.mp4"
done
"$root/videopipe" precompute --input "$work/videos" --output "$work/dataset" --tokenizer odvae \
  --config "$root/configs/odvae-tiny.json" --random-weights-seed 0 --clip-frames 17 --size 64x64 \
  ${VIDEOPIPE_DEMO_ARGS:-}
"$root/videopipe" precompute status "$work/dataset"
"$root/videopipe" precompute merge "$work/dataset"
echo "demo: latents and manifest under $work/dataset"
