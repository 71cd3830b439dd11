#!/usr/bin/env bash
# The main job on the embedded default model (models/odvae-tiny): make a sample video, precompute its latents,
# decode them back to video, and compare the reconstruction with the source next to the weight-free baseline.
# Writes under artifacts/demo (or $VIDEOPIPE_DEMO_DIR):
#   videos/sample.mp4        33 frames, 128x128: a camera pan over scikit-image's coffee photograph, a still the
#                            training corpus holds out (docs/corpus.md), so the model has never seen it
#   dataset/                 the precomputed latents (videopipe precompute)
#   reconstruction/sample.mp4 the latents decoded (videopipe latents decode)
#   side-by-side.mp4, psnr.png, comparison.json   (videopipe compare)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
# The sample's photograph comes from Debian's python3-skimage (installed as for the corpus).
"$root/scripts/setup-corpus.sh"
work="${VIDEOPIPE_DEMO_DIR:-$root/artifacts/demo}"
photo=/usr/lib/python3/dist-packages/skimage/data/coffee.png
rm -rf "$work/dataset" "$work/reconstruction"
mkdir -p "$work/videos"
ffmpeg -hide_banner -loglevel error -y -loop 1 -i "$photo" \
  -vf "scale=320:-2,crop=128:128:x='24+3*n':y='36+n',format=yuv420p" -r 24 -frames:v 33 \
  -c:v libx264 -crf 12 -threads 1 "$work/videos/sample.mp4"
"$root/videopipe" precompute --input "$work/videos" --output "$work/dataset"
"$root/videopipe" latents decode "$work/dataset" "$work/reconstruction"
"$root/videopipe" compare "$work/videos/sample.mp4" "$work/reconstruction/sample.mp4" --out "$work" \
  --label "odvae-tiny (embedded default)"
