#!/usr/bin/env bash
# Scores a model on real-world footage that the training corpus never saw (issue 17's quality target): the sample
# videos of Debian's python3-imageio (installed with scikit-image by setup-corpus.sh): cockatoo.mp4 (1280x720,
# 20 fps, 280 frames) at five start frames and realshort.mp4 (320x240, 36 frames). Each clip is 33 frames, the
# shorter side resized to 128 (area), the centre 128x128 cropped, stored losslessly; the model reconstructs it
# losslessly (videopipe reconstruct --lossless) and videopipe compare scores it next to the weight-free baseline.
#   scripts/evaluate-real.sh [out-dir] [--baseline-stride N] [--clips file:start,...] [-- reconstruct options, e.g. --tokenizer odvae --weights w]
# Default: the embedded default model. The baseline keeps every 4th frame (a 4x temporal latent's budget) unless
# --baseline-stride says otherwise. Prints a markdown table and writes <out-dir>/results.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/artifacts/evaluate-real}"
shift || true
stride=4
clips=("cockatoo.mp4:0" "cockatoo.mp4:60" "cockatoo.mp4:120" "cockatoo.mp4:180" "cockatoo.mp4:240" "realshort.mp4:0")
if [ "${1:-}" = "--baseline-stride" ]; then stride="$2"; shift 2; fi
if [ "${1:-}" = "--clips" ]; then IFS=, read -r -a clips <<< "$2"; shift 2; fi
[ "${1:-}" = "--" ] && shift
"$root/scripts/setup-corpus.sh" >/dev/null
videos=/usr/lib/python3/dist-packages/imageio/resources/images
mkdir -p "$out"
rows=()
for clip in "${clips[@]}"; do
  file="${clip%%:*}"; start="${clip##*:}"; name="${file%.mp4}-$start"
  ffmpeg -hide_banner -loglevel error -y -i "$videos/$file" -an \
    -vf "trim=start_frame=$start:end_frame=$((start + 33)),setpts=PTS-STARTPTS,scale=w='if(gt(iw,ih),-2,128)':h='if(gt(iw,ih),128,-2)':flags=area,crop=128:128" \
    -frames:v 33 -c:v ffv1 -level 3 -pix_fmt bgr0 "$out/$name.source.mkv"
  "$root/videopipe" reconstruct "$out/$name.source.mkv" "$out/$name.reconstruction.mkv" --lossless "$@" >/dev/null 2>"$out/$name.log" \
    || { cat "$out/$name.log" >&2; exit 1; }
  "$root/videopipe" compare "$out/$name.source.mkv" "$out/$name.reconstruction.mkv" --out "$out/$name" --baseline-stride "$stride" >/dev/null
  rows+=("$name:$out/$name/comparison.json")
done
/usr/bin/python3 - "$out/results.md" "${rows[@]}" <<'PY'
import json, sys
lines = ["| clip | frames | model PSNR (dB) | model SSIM | baseline PSNR (dB) | baseline SSIM | PSNR gain (dB) |", "|---|---|---|---|---|---|---|"]
gains, model, base = [], [], []
for row in sys.argv[2:]:
    name, path = row.split(":", 1)
    r = json.load(open(path))
    gain = r["meanPsnr"] - r["baselineMeanPsnr"]
    gains.append(gain); model.append((r["meanPsnr"], r["meanSsim"])); base.append((r["baselineMeanPsnr"], r["baselineMeanSsim"]))
    lines.append(f"| {name} | {r['frames']} | {r['meanPsnr']:.2f} | {r['meanSsim']:.4f} | {r['baselineMeanPsnr']:.2f} | {r['baselineMeanSsim']:.4f} | {gain:+.2f} |")
n = len(gains)
lines.append(f"| **mean** | | **{sum(m[0] for m in model)/n:.2f}** | **{sum(m[1] for m in model)/n:.4f}** | **{sum(b[0] for b in base)/n:.2f}** | **{sum(b[1] for b in base)/n:.4f}** | **{sum(gains)/n:+.2f}** |")
text = "\n".join(lines)
open(sys.argv[1], "w").write(text + "\n")
print(text)
PY
