#!/usr/bin/env bash
# Training step, ours against upstream PyTorch on this machine, alternated (issue 16 point 8):
#   bench/training-vs-upstream.sh <odvae|ivvae> <upstream git dir> [rounds=3] [steps=12] [frames=17] [size=64] [batch=2] [threads=2]
# Each round runs the C# bench (bench/VideoPipe.Bench.Training) and bench/upstream/train_step.py with the same
# clip, batch, threads and step recipe, one after the other; the summary is the median over rounds of each side's
# per-run median step (the first two steps of a run, with their warm-up, are left out for both), in wall seconds and
# in CPU seconds of the process (all threads), which a shared VM's stolen time does not inflate.
# Needs: a Release build of the bench (dotnet build bench/VideoPipe.Bench.Training -c Release), python3-torch
# (Debian's, torch 1.13), and a git clone of the reference implementation (github PKU-YuanGroup/Open-Sora-Plan for
# odvae, ali-vilab/iv-vae for ivvae).
set -euo pipefail
family=$1 upstream=$2 rounds=${3:-3} steps=${4:-12} frames=${5:-17} size=${6:-64} batch=${7:-2} threads=${8:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
case_json="$root/../shared/goldens/$family/train1/case.json"
ours_dll="$root/bench/VideoPipe.Bench.Training/bin/Release/net10.0/VideoPipe.Bench.Training.dll"
python=${PYTHON:-/usr/bin/python3}
ours=() theirs=() ours_cpu=() theirs_cpu=()
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
# "<median wall s> <median CPU s>" over one run's steps after the first two (JIT tiering, allocator and cache warm-up)
summary() {
  local out; out=$(cat)
  local steps; steps=$(awk '/^step [0-9]+:/ && $2 != "1:" && $2 != "2:"' <<< "$out")
  echo "$(median $(awk '{print $4}' <<< "$steps")) $(median $(awk '{for (i = 1; i <= NF; i++) if ($i == "cpu") print $(i + 1)}' <<< "$steps"))"
}
echo "training step $family ${batch}x3x${frames}x${size}x${size}, $threads threads, $rounds rounds of $steps steps, $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  read -r a ac < <(dotnet "$ours_dll" "$family" "$case_json" "$frames" "$size" "$batch" "$threads" "$steps" | summary)
  read -r b bc < <("$python" "$root/bench/upstream/train_step.py" "$family" "$case_json" "$upstream" "$frames" "$size" "$batch" "$threads" "$steps" | summary)
  ours+=("$a") theirs+=("$b") ours_cpu+=("$ac") theirs_cpu+=("$bc")
  echo "round $round: wall ours $a s, upstream $b s, ratio $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", a / b}'); cpu ours $ac s, upstream $bc s, ratio $(awk -v a="$ac" -v b="$bc" 'BEGIN {printf "%.3f", a / b}') (load $(cut -d' ' -f1 /proc/loadavg))"
done
mo=$(median "${ours[@]}") mt=$(median "${theirs[@]}") co=$(median "${ours_cpu[@]}") ct=$(median "${theirs_cpu[@]}")
echo "median: wall ours $mo s, upstream $mt s, ratio $(awk -v a="$mo" -v b="$mt" 'BEGIN {printf "%.3f", a / b}'); cpu per step ours $co s, upstream $ct s, ratio $(awk -v a="$co" -v b="$ct" 'BEGIN {printf "%.3f", a / b}')"
