// libtorch called directly from C++: the baseline the C# binding is compared against.
//   vp_bench ops   [threads] [repeats] [names]  conv3d, conv2d, group_norm, attention (median wall and CPU ms;
//                                              names: comma-separated subset, e.g. conv3d_onednn,attention)
//   vp_bench tiny  [threads] [calls]     per-call time of at::add on two 1-element tensors (ns)
//   vp_bench sweep [threads] [repeats]   oneDNN vs at::convolution GFLOP/s around torch's batch-1 threshold
//   vp_bench tsweep [threads] [repeats]  transposed convs: zero-stuffed oneDNN (ConvKernel.Auto) vs torch
// Every line printed is "name key=value ...", easy to grep and paste into docs/benchmarks.md.
#include <torch/torch.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <string>
#include <vector>
#include "attention.h"
#include "conv_onednn.h"

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

// median CPU milliseconds (all threads of the process) of the last time_ms call
double g_last_cpu_ms = 0;

// one warm-up call, then `repeats` timed calls; returns the median wall milliseconds
double time_ms(int repeats, const std::function<at::Tensor()>& op) {
  op();
  std::vector<double> ms, cpu;
  for (int i = 0; i < repeats; ++i) {
    const std::clock_t c0 = std::clock();
    auto t0 = Clock::now();
    auto r = op();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    cpu.push_back(1e3 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
  }
  g_last_cpu_ms = median(cpu);
  return median(ms);
}

// "ops" runs every case unless a comma-separated list of names was given
std::string g_only;
bool wanted(const char* name) {
  if (g_only.empty()) return true;
  const std::string list = "," + g_only + ",";
  return list.find("," + std::string(name) + ",") != std::string::npos;
}

void report(const char* name, double ms, double gflop = 0) {
  std::printf("%s median_ms=%.2f cpu_ms=%.2f", name, ms, g_last_cpu_ms);
  if (gflop > 0) std::printf(" gflops=%.1f", gflop / (ms / 1e3));
  std::printf("\n");
}

double conv_flops(const at::Tensor& out, const at::Tensor& w, int64_t groups) {
  // 2 * output elements * (input channels per group * kernel volume)
  return 2.0 * static_cast<double>(out.numel()) * static_cast<double>(w.numel() / w.size(0));
}

void run_ops(int repeats) {
  at::manual_seed(0);
  {
    auto x = at::randn({1, 128, 17, 128, 128});
    auto w = at::randn({128, 128, 3, 3, 3}) * 0.01;
    auto b = at::randn({128});
    auto out = at::mkldnn_convolution(x, w, b, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}, 1);
    const double gflop = conv_flops(out, w, 1) / 1e9;
    if (wanted("conv3d_onednn"))
      report("conv3d_onednn", time_ms(repeats, [&] { return at::mkldnn_convolution(x, w, b, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}, 1); }), gflop);
    if (wanted("conv3d_torch"))
      report("conv3d_torch", time_ms(repeats, [&] { return at::convolution(x, w, b, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}, false, {0, 0, 0}, 1); }), gflop);
    auto g = at::randn({128});
    if (wanted("group_norm")) report("group_norm", time_ms(repeats, [&] { return at::group_norm(x, 32, g, b, 1e-6, true); }));
  }
  {
    auto x = at::randn({1, 128, 256, 256});
    auto w = at::randn({128, 128, 3, 3}) * 0.01;
    auto b = at::randn({128});
    if (wanted("conv2d_onednn"))
      report("conv2d_onednn", time_ms(repeats, [&] { return at::mkldnn_convolution(x, w, b, {1, 1}, {1, 1}, {1, 1}, 1); }));
    if (wanted("conv2d_torch"))
      report("conv2d_torch", time_ms(repeats, [&] { return at::convolution(x, w, b, {1, 1}, {1, 1}, {1, 1}, false, {0, 0}, 1); }));
  }
  {
    auto q = at::randn({1, 1, 4096, 256}), k = at::randn({1, 1, 4096, 256}), v = at::randn({1, 1, 4096, 256});
    if (wanted("attention"))
      report("attention", time_ms(repeats, [&] { return vp::blockwise_attention(q, k, v, c10::nullopt, 0, 0); }));
  }
}

void run_tiny(long calls) {
  auto a = at::ones({1}), b = at::ones({1});
  for (int i = 0; i < 10000; ++i) at::add(a, b);
  // wall time, and process CPU time (robust when other processes share the cores)
  std::vector<double> per_call, cpu_per_call;
  for (int rep = 0; rep < 5; ++rep) {
    auto t0 = Clock::now();
    const std::clock_t c0 = std::clock();
    for (long i = 0; i < calls; ++i) {
      auto c = at::add(a, b);
    }
    cpu_per_call.push_back(1e9 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC / calls);
    per_call.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count() / calls);
  }
  std::printf("tiny_add median_ns_per_call=%.0f median_cpu_ns_per_call=%.0f calls=%ld\n", median(per_call),
              median(cpu_per_call), calls);
}

struct ConvCase {
  int64_t c, t, h, k;  // channels (in = out), frames (0 = 2D), height = width, kernel
};

void run_sweep(int repeats) {
  // batch 1; torch 1.13 uses oneDNN only when N*C*T*H (3D) or N*C*H*W (2D) > 20480 (groups 1, kernel 3)
  const std::vector<ConvCase> cases = {
      {16, 4, 16, 3},   {16, 8, 32, 3},   {32, 8, 32, 3},  {64, 4, 32, 3},  {64, 5, 64, 3},  {32, 17, 32, 3},
      {64, 8, 40, 3},   {128, 5, 32, 3},  {128, 9, 32, 3}, {128, 17, 16, 3}, {64, 4, 32, 1}, {128, 5, 32, 1},
      {256, 5, 64, 1},  {16, 0, 32, 3},   {64, 0, 16, 3},  {64, 0, 18, 3},  {128, 0, 12, 3}, {128, 0, 64, 3},
      {128, 0, 256, 3}, {256, 0, 128, 3}, {64, 0, 64, 1},  {128, 0, 128, 1}, {512, 0, 64, 1}, {3, 0, 256, 3},
  };
  for (const auto& cc : cases) {
    const bool is3d = cc.t > 0;
    std::vector<int64_t> xs = is3d ? std::vector<int64_t>{1, cc.c, cc.t, cc.h, cc.h} : std::vector<int64_t>{1, cc.c, cc.h, cc.h};
    std::vector<int64_t> ws = is3d ? std::vector<int64_t>{cc.c, cc.c, cc.k, cc.k, cc.k} : std::vector<int64_t>{cc.c, cc.c, cc.k, cc.k};
    const size_t n = is3d ? 3 : 2;
    std::vector<int64_t> one(n, 1), pad(n, cc.k / 2), zero(n, 0);
    auto x = at::randn(xs), w = at::randn(ws) * 0.01, b = at::randn({cc.c});
    auto out = at::mkldnn_convolution(x, w, b, pad, one, one, 1);
    const double gflop = conv_flops(out, w, 1) / 1e9;
    double a = time_ms(repeats, [&] { return at::mkldnn_convolution(x, w, b, pad, one, one, 1); });
    double t = time_ms(repeats, [&] { return at::convolution(x, w, b, one, pad, one, false, zero, 1); });
    const int64_t nct = cc.c * (is3d ? cc.t : cc.h) * cc.h;  // torch's N*size(1)*size(2)*size(3)
    std::printf("sweep %s c=%ld t=%ld hw=%ld k=%ld nct=%ld onednn_ms=%.3f torch_ms=%.3f onednn_gflops=%.1f torch_gflops=%.1f\n",
                is3d ? "conv3d" : "conv2d", (long)cc.c, (long)cc.t, (long)cc.h, (long)cc.k, (long)nct, a, t,
                gflop / (a / 1e3), gflop / (t / 1e3));
  }
}

struct TransposeCase {
  int64_t cin, cout, t, h, k, stride, pad, out_pad;  // t = 0: 2D
};

// transposed convolutions: zero-stuffed oneDNN convolution (the shim's ConvKernel.Auto) vs at::convolution
void run_transpose_sweep(int repeats) {
  const std::vector<TransposeCase> cases = {
      {16, 16, 4, 16, 3, 2, 1, 1},  {64, 64, 3, 16, 3, 2, 1, 1},  {128, 128, 3, 32, 3, 2, 1, 1},
      {128, 64, 5, 64, 3, 2, 1, 1}, {64, 64, 5, 32, 3, 1, 1, 0},  {128, 128, 9, 32, 3, 1, 1, 0},
      {64, 32, 4, 32, 4, 2, 1, 0},  {256, 128, 3, 16, 2, 2, 0, 0}, {32, 32, 0, 64, 3, 2, 1, 1},
      {128, 64, 0, 64, 4, 2, 1, 0}, {256, 256, 0, 32, 3, 1, 1, 0},
  };
  for (const auto& c : cases) {
    const bool is3d = c.t > 0;
    const int n = is3d ? 3 : 2;
    std::vector<int64_t> xs{1, c.cin}, ws{c.cin, c.cout};
    if (is3d) xs.push_back(c.t);
    xs.push_back(c.h);
    xs.push_back(c.h);
    for (int i = 0; i < n; ++i) ws.push_back(c.k);
    std::vector<int64_t> st(n, c.stride), pd(n, c.pad), op(n, c.out_pad), one(n, 1);
    auto x = at::randn(xs), w = at::randn(ws) * 0.01, b = at::randn({c.cout});
    auto ref = at::convolution(x, w, b, st, pd, one, true, op, 1);
    // useful work: every input element times every (cout x kernel) weight, 2 flops each
    const double gflop = 2.0 * x.numel() * (w.numel() / w.size(0)) / 1e9;
    double z = time_ms(repeats, [&] { return *vp::transpose_via_onednn(x, w, b, st, pd, one, op, 1, n); });
    double t = time_ms(repeats, [&] { return at::convolution(x, w, b, st, pd, one, true, op, 1); });
    std::printf("tsweep %s cin=%ld cout=%ld t=%ld hw=%ld k=%ld s=%ld zero_stuffed_ms=%.3f torch_ms=%.3f "
                "zero_stuffed_gflops=%.1f torch_gflops=%.1f\n",
                is3d ? "convT3d" : "convT2d", (long)c.cin, (long)c.cout, (long)c.t, (long)c.h, (long)c.k,
                (long)c.stride, z, t, gflop / (z / 1e3), gflop / (t / 1e3));
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "ops";
  const int threads = argc > 2 ? std::atoi(argv[2]) : static_cast<int>(std::thread::hardware_concurrency());
  at::set_num_threads(threads);
  c10::InferenceMode inference;
  std::printf("libtorch %d.%d.%d threads=%d mode=%s\n", TORCH_VERSION_MAJOR, TORCH_VERSION_MINOR, TORCH_VERSION_PATCH,
              at::get_num_threads(), mode.c_str());
  if (argc > 4) g_only = argv[4];
  if (mode == "ops") run_ops(argc > 3 ? std::atoi(argv[3]) : 5);
  else if (mode == "tiny") run_tiny(argc > 3 ? std::atol(argv[3]) : 1000000);
  else if (mode == "sweep") run_sweep(argc > 3 ? std::atoi(argv[3]) : 5);
  else if (mode == "tsweep") run_transpose_sweep(argc > 3 ? std::atoi(argv[3]) : 5);
  else {
    std::fprintf(stderr, "usage: vp_bench ops|tiny|sweep|tsweep [threads] [repeats|calls] [ops: names]\n");
    return 2;
  }
  return 0;
}
