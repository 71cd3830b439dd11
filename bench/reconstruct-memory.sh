#!/usr/bin/env bash
# Streaming reconstruction memory bound (issue 9): peak RSS of `videopipe reconstruct` on a short and a long
# generated input of the same frame size, per plugin (tiny golden configs from ../shared/goldens).
#
# Usage: bench/reconstruct-memory.sh [family ...]      (default: ivvae odvae cdt)
# Environment: SIZE (32x32), FPS (25: at 5 fps a 10-second input has fewer tiles than the pipeline's channels and
# stages hold, so it never reaches the steady state a longer input runs in), SHORT_S (10), LONG_S (600), MID_S (none; e.g. 60: a third input, and the
# long/mid ratio, to tell a short input that ends before the steady state from growth), WORK (a temp folder),
# SAMPLES_EVERY (1 s).
# VIDEOPIPE_DLL runs that build of videopipe.dll instead of ./videopipe (e.g. a copy with a change under test;
# then set VIDEOPIPE_PLUGINS=artifacts/plugins; dotnet runs it directly, so also set MALLOC_ARENA_MAX=2 and
# DOTNET_GCgen0size=0x1000000 as the launcher does). Extra environment (e.g. GLIBC_TUNABLES, DOTNET_gc*) passes through.
#
# Peak RSS is ru_maxrss of the dotnet process (GNU time %M; ffmpeg children are a few MiB at this size, and
# their own peaks do not add up into it). A timeline of VmRSS/VmHWM sampled from /proc every SAMPLES_EVERY s is
# written next to the inputs (<family>-<seconds>s.rss.csv) to tell a plateau from linear growth.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
goldens="${GOLDENS:-$root/../shared/goldens}"
size="${SIZE:-32x32}"
fps="${FPS:-25}"
durations=("${SHORT_S:-10}" ${MID_S:+"$MID_S"} "${LONG_S:-600}")
every="${SAMPLES_EVERY:-1}"
work="${WORK:-$(mktemp -d -t videopipe-reconstruct-memory-XXXXXX)}"
mkdir -p "$work"
families=("$@")
[ ${#families[@]} -gt 0 ] || families=(ivvae odvae cdt)

case_dir() {
  case "$1" in
    ivvae) echo "$goldens/ivvae/case1" ;;
    odvae) echo "$goldens/odvae/case1" ;;
    cdt) echo "$goldens/cdt/case1/tiny_small" ;;
    *) echo "unknown family $1" >&2; exit 2 ;;
  esac
}

if [ -n "${VIDEOPIPE_DLL:-}" ]; then
  videopipe=(dotnet "$VIDEOPIPE_DLL")
else
  videopipe=("$root/videopipe")
fi

for seconds in "${durations[@]}"; do
  input="$work/testsrc2-$size-${fps}fps-${seconds}s.mp4"
  [ -f "$input" ] || ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=$size:rate=$fps:duration=$seconds" \
    -c:v libx264 -preset veryfast -pix_fmt yuv420p "$input"
done

# Samples VmRSS/VmHWM (KiB) of the dotnet process under GNU time until it exits.
sample_rss() {
  local time_pid=$1 csv=$2 pid="" start=$SECONDS
  echo "seconds,vmrss_kib,vmhwm_kib" > "$csv"
  while kill -0 "$time_pid" 2>/dev/null; do
    [ -n "$pid" ] || pid="$(pgrep -P "$time_pid" | head -1 || true)"
    if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
      awk -v t=$((SECONDS - start)) '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2} END {if (r) print t "," r "," h}' \
        "/proc/$pid/status" >> "$csv" 2>/dev/null || true
    fi
    sleep "$every"
  done
}

echo "size $size, $fps fps, durations ${durations[*]} s, work $work, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| family | input | frames | wall (s) | peak RSS (MiB) |"
echo "|---|---|---:|---:|---:|"
declare -A peak
for family in "${families[@]}"; do
  dir="$(case_dir "$family")"
  for seconds in "${durations[@]}"; do
    input="$work/testsrc2-$size-${fps}fps-${seconds}s.mp4"
    log="$work/$family-${seconds}s.log"
    /usr/bin/time -f "maxrss_kib=%M wall_s=%e" -o "$work/$family-${seconds}s.time" \
      "${videopipe[@]}" reconstruct "$input" "$work/$family-${seconds}s.out.mp4" --tokenizer "$family" \
      --config "$dir/case.json" --weights "$dir/weights.safetensors" --seed 1 > "$log" 2>&1 &
    sample_rss $! "$work/$family-${seconds}s.rss.csv"
    wait $! || { echo "$family ${seconds}s failed, see $log" >&2; exit 1; }
    maxrss="$(sed -n 's/.*maxrss_kib=\([0-9]*\).*/\1/p' "$work/$family-${seconds}s.time")"
    wall="$(sed -n 's/.*wall_s=\([0-9.]*\).*/\1/p' "$work/$family-${seconds}s.time")"
    frames="$(sed -n 's/.* \([0-9]*\) frames in .*/\1/p' "$log" | tail -1)"
    peak[$family-$seconds]=$((maxrss / 1024))
    echo "| $family | ${seconds} s | $frames | $wall | ${peak[$family-$seconds]} |"
  done
done
echo
long="${durations[${#durations[@]}-1]}"
for family in "${families[@]}"; do
  for seconds in "${durations[@]:0:${#durations[@]}-1}"; do
    awk -v f="$family" -v s="${peak[$family-$seconds]}" -v l="${peak[$family-$long]}" -v ls="$long" -v ss="$seconds" \
      'BEGIN {printf "%s: %d s / %d s peak RSS = %d/%d MiB = %.3f (target <= 1.15)\n", f, ls, ss, l, s, l / s}'
  done
done
