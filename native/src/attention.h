// Blockwise scaled dot-product attention, shared by the shim (vp_attention) and native/bench so the
// benchmark calls exactly the libtorch ops the binding runs.
#pragma once
#include <torch/torch.h>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "internal.h"
#include "reduced_precision.h"

namespace vp {

// Query rows per block when the caller passes block_q <= 0: keeps about 16M score elements alive at once.
inline int64_t default_attention_block(int64_t batch, int64_t keys) {
  const int64_t budget = int64_t(1) << 24;
  return std::max<int64_t>(64, budget / std::max<int64_t>(1, keys * batch));
}

// softmax(q k^T * scale + mask) v over (..., L, E) tensors, block_q query rows at a time so the L x S
// score matrix never exists whole. scale <= 0 means 1/sqrt(E). mask: additive float or boolean keep-mask,
// broadcastable to (..., L, S).
inline at::Tensor blockwise_attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                                      const c10::optional<at::Tensor>& mask, double scale, int64_t block_q) {
  if (q.dim() < 2 || k.dim() < 2 || v.dim() < 2) throw std::invalid_argument("attention expects (..., L, E) tensors");
  const int64_t L = q.size(-2), S = k.size(-2), E = q.size(-1);
  if (k.size(-1) != E)
    throw std::invalid_argument("attention: q has " + std::to_string(E) + " features per row, k has " +
                                std::to_string(k.size(-1)));
  if (v.size(-2) != S)
    throw std::invalid_argument("attention: k has " + std::to_string(S) + " rows, v has " + std::to_string(v.size(-2)));
  const double s = scale > 0 ? scale : 1.0 / std::sqrt(static_cast<double>(E));
  int64_t batch = 1;
  for (int64_t i = 0; i < q.dim() - 2; ++i) batch *= q.size(i);
  if (block_q <= 0) block_q = default_attention_block(batch, S);
  block_q = std::min(block_q, std::max<int64_t>(L, 1));
  const bool mask_has_rows = mask && mask->dim() >= 2 && mask->size(-2) == L && L > 1;
  c10::optional<at::Tensor> drop;  // boolean keep-mask inverted once, not per block
  if (mask && mask->scalar_type() == at::kBool) drop = mask->logical_not();
  auto kt = k.transpose(-2, -1);
  if (recording({&q, &k, &v})) {  // whole and out of place, as the upstream modules compute it for backward
    auto scores = vp::matmul(q, kt).mul(s);
    if (drop) scores = scores.masked_fill(*drop, -std::numeric_limits<double>::infinity());
    else if (mask) scores = scores.add(*mask);
    return vp::matmul(at::softmax(scores, -1), v);
  }
  std::vector<int64_t> out_size(q.sizes().begin(), q.sizes().end());
  out_size.back() = v.size(-1);
  auto out = at::empty(out_size, v.options().dtype(at::result_type(q, v)));
  for (int64_t start = 0; start < L; start += block_q) {
    const int64_t len = std::min(block_q, L - start);
    auto scores = vp::matmul(q.narrow(-2, start, len), kt).mul_(s);
    if (mask) {
      if (drop) {
        auto m = mask_has_rows ? drop->narrow(-2, start, len) : *drop;
        scores.masked_fill_(m, -std::numeric_limits<double>::infinity());
      } else {
        auto m = mask_has_rows ? mask->narrow(-2, start, len) : *mask;
        scores.add_(m);
      }
    }
    out.narrow(-2, start, len).copy_(vp::matmul(at::softmax(scores, -1), v));
  }
  return out;
}

}  // namespace vp
