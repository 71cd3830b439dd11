#!/usr/bin/env bash
# Whole videos through exact streaming sessions (issue 14): peak RSS of `videopipe precompute` on one short and one
# long generated video, each one whole-video clip, per family with exact causal streaming (tiny golden configs from
# ../shared/goldens). With STREAMED=0 the same runs use `--posterior sample`, which is encoded whole (held in
# memory, cap raised), as the contrast.
#
# Usage: bench/precompute-whole-video-memory.sh [family ...]      (default: ivvae cdt)
# Environment: SIZE (128x128), FPS (25), FRAMES ("500 2000"), WORK (a temp folder), STREAMED (1).
# Peak RSS is ru_maxrss of the dotnet process (GNU time %M; ffmpeg children are separate processes).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
goldens="${GOLDENS:-$root/../shared/goldens}"
size="${SIZE:-128x128}"
fps="${FPS:-25}"
read -r -a counts <<< "${FRAMES:-500 2000}"
work="${WORK:-$(mktemp -d -t videopipe-whole-video-XXXXXX)}"
streamed="${STREAMED:-1}"
mkdir -p "$work"
families=("$@")
[ ${#families[@]} -gt 0 ] || families=(ivvae cdt)

case_dir() {
  case "$1" in
    ivvae) echo "$goldens/ivvae/case1" ;;
    cdt) echo "$goldens/cdt/case1/tiny_small" ;;
    *) echo "unknown family $1 (only families with exact streaming sessions)" >&2; exit 2 ;;
  esac
}

for frames in "${counts[@]}"; do
  mkdir -p "$work/in-$frames"
  input="$work/in-$frames/testsrc2-$size-$frames.mp4"
  [ -f "$input" ] || ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=$size:rate=$fps" -frames:v "$frames" \
    -c:v libx264 -preset veryfast -pix_fmt yuv420p "$input"
done

extra=()
[ "$streamed" = 1 ] || extra=(--posterior sample --seed 1 --max-clip-frames 100000)
echo "family,frames,streamed,peak_rss_mib,wall_s,exit"
for family in "${families[@]}"; do
  dir="$(case_dir "$family")"
  for frames in "${counts[@]}"; do
    out="$work/out-$family-$frames-$streamed"
    rm -rf "$out"
    start=$(date +%s.%N)
    set +e
    /usr/bin/time -f "%M" -o "$work/time.txt" "$root/videopipe" precompute --input "$work/in-$frames" --output "$out" \
      --tokenizer "$family" --config "$dir/case.json" --weights "$dir/weights.safetensors" --size "$size" \
      --item-timeout 3600 "${extra[@]}" > "$work/$family-$frames-$streamed.log" 2>&1
    rc=$?
    set -e
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    kib=$(tail -1 "$work/time.txt")
    printf '%s,%s,%s,%.0f,%.1f,%s\n' "$family" "$frames" "$streamed" "$(echo "$kib / 1024" | bc -l)" "$wall" "$rc"
  done
done
