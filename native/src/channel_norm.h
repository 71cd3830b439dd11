// Channel RMS norm (F.normalize over channel groups, then a per-channel scale, optionally SiLU) in two passes
// over the input plus the in-place SiLU, instead of the composed ops' four passes and an extra temporary.
//
// For x of shape (B, C, *) whose C channels form `groups` equal groups, at every (b, group, position):
//   inv = 1 / max(||x[b, group channels, position]||_2, eps);  y[c] = x[c] * inv * scale[c]
// then y = silu(y) when asked. float32 runs the fused kernel; other dtypes run the composed torch ops.
#pragma once
#include <torch/torch.h>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "internal.h"

namespace vp {

namespace channel_norm_detail {

// Positions handled together: a chunk's rows of one group stay in L2 between the two passes.
constexpr int64_t kChunk = 512;

__attribute__((target_clones("avx512f", "avx2", "default"))) inline void accumulate_squares(const float* row, float* acc,
                                                                                        int64_t n) {
  // explicit fma: the vector loop and its scalar tail round alike, so a position's result does not depend on
  // where the call's chunks start (streamed calls must equal the whole clip exactly)
  for (int64_t i = 0; i < n; ++i) acc[i] = std::fma(row[i], row[i], acc[i]);
}

__attribute__((target_clones("avx512f", "avx2", "default"))) inline void inverse_norms(float* acc, int64_t n, float eps) {
  for (int64_t i = 0; i < n; ++i) acc[i] = 1.0f / std::max(std::sqrt(acc[i]), eps);
}

__attribute__((target_clones("avx512f", "avx2", "default"))) inline void scale_row(const float* row, const float* inv,
                                                                               float scale, float* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = row[i] * inv[i] * scale;
}

inline at::Tensor composed(const at::Tensor& x, const at::Tensor& scale, int64_t groups, double eps, bool silu) {
  const int64_t b = x.size(0), c = x.size(1);
  auto xs = x.reshape({b, groups, c / groups, -1});
  auto inv = xs.norm(2, {2}, true).clamp_min(eps).reciprocal();
  const auto s = scale.to(x.scalar_type()).reshape({1, groups, c / groups, 1});
  if (vp::recording({&x, &scale})) {  // out of place: silu's backward needs its input
    auto y = (xs * inv * s).reshape(x.sizes());
    return silu ? at::silu(y) : y;
  }
  auto y = (xs * inv).mul_(s).reshape(x.sizes());
  return silu ? at::silu_(y) : y;
}

}  // namespace channel_norm_detail

inline at::Tensor channel_rms_norm(const at::Tensor& x_in, const at::Tensor& scale_in, int64_t groups, double eps,
                                   bool silu) {
  namespace d = channel_norm_detail;
  if (x_in.dim() < 2) throw std::invalid_argument("channel_rms_norm expects (B, C, ...), got " + std::to_string(x_in.dim()) + "-D");
  const int64_t b = x_in.size(0), c = x_in.size(1);
  if (groups < 1 || c % groups != 0)
    throw std::invalid_argument("channel_rms_norm: " + std::to_string(c) + " channels do not split into " +
                                std::to_string(groups) + " groups");
  if (scale_in.numel() != c)
    throw std::invalid_argument("channel_rms_norm: scale has " + std::to_string(scale_in.numel()) + " values for " +
                                std::to_string(c) + " channels");
  if (x_in.scalar_type() != at::kFloat || !x_in.device().is_cpu() || x_in.numel() == 0 ||
      vp::recording({&x_in, &scale_in}))
    return d::composed(x_in, scale_in, groups, eps, silu);

  const auto x = x_in.contiguous();
  const auto scale = scale_in.to(at::kFloat).contiguous();
  auto y = at::empty_like(x, at::MemoryFormat::Contiguous);
  const int64_t s = x.numel() / (b * c), cg = c / groups;
  const int64_t chunks = (s + d::kChunk - 1) / d::kChunk;
  const float* xp = x.data_ptr<float>();
  const float* sp = scale.data_ptr<float>();
  float* yp = y.data_ptr<float>();
  at::parallel_for(0, b * groups * chunks, 1, [&](int64_t begin, int64_t end) {
    std::vector<float> inv(d::kChunk);
    for (int64_t item = begin; item < end; ++item) {
      const int64_t bg = item / chunks, start = (item % chunks) * d::kChunk;
      const int64_t n = std::min(d::kChunk, s - start);
      const int64_t first_row = bg * cg;  // rows of (B*C, S): batch-major, then group, then channel
      std::fill(inv.begin(), inv.begin() + n, 0.0f);
      for (int64_t r = 0; r < cg; ++r) d::accumulate_squares(xp + (first_row + r) * s + start, inv.data(), n);
      d::inverse_norms(inv.data(), n, static_cast<float>(eps));
      for (int64_t r = 0; r < cg; ++r) {
        const int64_t row = first_row + r;
        d::scale_row(xp + row * s + start, inv.data(), sp[row % c], yp + row * s + start, n);
      }
    }
  });
  // torch's SiLU over the whole tensor, not per chunk: its vector body and scalar tail round differently, and
  // a chunk's tail would depend on the call's size
  return silu ? at::silu_(y) : y;
}

}  // namespace vp
