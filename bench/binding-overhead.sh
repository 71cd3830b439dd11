#!/usr/bin/env bash
# Binding overhead for ops > 1 ms: libtorch called directly from C++ (native/bench/vp_bench) vs the same ops
# through the C# binding (bench/VideoPipe.Bench.Torch), run alternately ROUNDS times so both sides see the same
# machine drift; prints every run and, per op, the median over rounds of each side's median and the ratio.
#   bench/binding-overhead.sh [rounds=3] [threads=2] [repeats=5] [ops=conv3d_onednn,conv2d_onednn,group_norm,attention]
# Run it on an idle machine; record the output in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
threads=${2:-2}
repeats=${3:-5}
ops=${4:-conv3d_onednn,conv2d_onednn,group_norm,attention}
build=artifacts/native-bench
cmake -S native -B "$build" -DCMAKE_BUILD_TYPE=Release -DVP_BUILD_BENCH=ON ${VIDEOPIPE_TORCH_PREFIX:+-DCMAKE_PREFIX_PATH="$VIDEOPIPE_TORCH_PREFIX"} >/dev/null
cmake --build "$build" --target vp_bench -j 2 >/dev/null
dotnet build bench/VideoPipe.Bench.Torch/VideoPipe.Bench.Torch.csproj -c Release -v q -nologo >/dev/null
csharp=bench/VideoPipe.Bench.Torch/bin/Release/net10.0/VideoPipe.Bench.Torch.dll
log=$(mktemp)
for ((r = 1; r <= rounds; r++)); do
  echo "# round $r (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  "$build/bench/vp_bench" ops "$threads" "$repeats" "$ops" | sed 's/^/cpp /' | tee -a "$log"
  dotnet "$csharp" ops "$threads" "$repeats" "$ops" | sed 's/^/cs /' | tee -a "$log"
done
echo "# summary: median over $rounds rounds of each run's median (wall ms; CPU ms of the whole process)"
python3 - "$log" <<'PY'
import re, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    m = re.match(r"(cpp|cs) (\S+) median_ms=([\d.]+) cpu_ms=([\d.]+)", line)
    if m:
        runs.setdefault(m[2], {}).setdefault(m[1], []).append((float(m[3]), float(m[4])))
for op, sides in runs.items():
    cpp = [statistics.median(v[i] for v in sides["cpp"]) for i in (0, 1)]
    cs = [statistics.median(v[i] for v in sides["cs"]) for i in (0, 1)]
    print(f"{op}: wall C++ {cpp[0]:.1f} ms, C# {cs[0]:.1f} ms, C#/C++ {cs[0] / cpp[0]:.3f}; "
          f"cpu C++ {cpp[1]:.1f} ms, C# {cs[1]:.1f} ms, C#/C++ {cs[1] / cpp[1]:.3f}")
PY
rm -f "$log"
