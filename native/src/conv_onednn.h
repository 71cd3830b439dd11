// CPU convolution kernel selection for vp_conv, shared with native/bench so the benchmark measures the
// exact paths the shim takes.
//
// torch 1.13 sends a batch-1, groups-1 convolution with a kernel of at most 3 in height or width to its
// slow native kernels whenever N*C*D0*D1 <= 20480 (the first four input sizes), and a 1x1 convolution to
// them whenever it runs single-threaded. Those kernels reach about 2-5 GFLOP/s where oneDNN reaches
// 100-300 (docs/benchmarks.md, "Tensor binding (issue 2)"). ConvKernel.Auto therefore:
//   - forward float32 2D/3D: always oneDNN (at::mkldnn_convolution); never measurably slower than torch's
//     own choice, because where torch picks oneDNN itself it is the same kernel;
//   - transposed float32 2D/3D: a stride-1 oneDNN convolution over a zero-stuffed input (torch 1.13 has no
//     oneDNN deconvolution and runs slow_conv_transpose2d/3d); with libtorch >= 2.0, torch's own choice
//     where torch picks its oneDNN deconvolution itself;
//   - everything else (1D, other dtypes, CUDA): torch's choice.
#pragma once
#include <torch/torch.h>
#include <stdexcept>
#include <string>
#include <vector>

namespace vp {

enum class ConvPath { Torch, OneDnn, OneDnnZeroStuffed };

inline bool onednn_eligible(const at::Tensor& x, const at::Tensor& w, int nspatial) {
  return at::hasMKLDNN() && x.device().is_cpu() && x.scalar_type() == at::kFloat && w.scalar_type() == at::kFloat &&
         (nspatial == 2 || nspatial == 3) && x.dim() == nspatial + 2 && x.layout() == at::kStrided;
}

// torch 1.13's ConvParams::use_mkldnn for a float32 CPU tensor (aten/src/ATen/native/Convolution.cpp).
inline bool torch_picks_onednn(const at::Tensor& x, const at::Tensor& w, at::IntArrayRef stride,
                               at::IntArrayRef dilation, at::IntArrayRef output_padding, bool transposed,
                               int64_t groups) {
  if (!at::globalContext().userEnabledMkldnn()) return false;
  bool strided = false, dilated = false, big_output_padding = false;
  for (size_t i = 0; i < stride.size(); ++i) {
    strided |= stride[i] != 1;
    dilated |= dilation[i] != 1;
    big_output_padding |= output_padding[i] > 0 && output_padding[i] >= std::max(stride[i], dilation[i]);
  }
  if (transposed && big_output_padding) return false;
  if (transposed && groups > 1 && x.size(1) == groups) return false;
  const bool not_single_thread_1x1 = strided || dilated || x.size(0) >= 16 || w.size(-1) != 1 || w.size(-2) != 1 ||
                                     at::get_num_threads() > 1;
  const bool big_enough = groups > 1 || (w.size(-1) > 3 && w.size(-2) > 3) || x.size(0) > 1 ||
                          x.size(0) * x.size(1) * x.size(2) * x.size(3) > 20480;
  return not_single_thread_1x1 && big_enough;
}

inline ConvPath select_conv_path(const at::Tensor& x, const at::Tensor& w, at::IntArrayRef stride,
                                 at::IntArrayRef dilation, at::IntArrayRef output_padding, int nspatial,
                                 bool transposed, int64_t groups) {
  if (!onednn_eligible(x, w, nspatial)) return ConvPath::Torch;
  if (!transposed) return ConvPath::OneDnn;
  if (x.size(1) != w.size(0)) return ConvPath::Torch;  // let torch report the channel mismatch
#if TORCH_VERSION_MAJOR >= 2
  // libtorch 2.x has a oneDNN deconvolution of its own (untested here: this build is 1.13)
  if (torch_picks_onednn(x, w, stride, dilation, output_padding, true, groups)) return ConvPath::Torch;
#endif
  return ConvPath::OneDnnZeroStuffed;
}

// conv_transpose as a stride-1 convolution over a zero-stuffed input with flipped, channel-swapped
// weights, so it runs on oneDNN instead of torch 1.13's slow_conv_transpose3d. nullopt when padding
// exceeds the dilated kernel (then torch's own kernel runs).
inline c10::optional<at::Tensor> transpose_via_onednn(const at::Tensor& x, const at::Tensor& w,
                                                      const c10::optional<at::Tensor>& b, at::IntArrayRef stride,
                                                      at::IntArrayRef padding, at::IntArrayRef dilation,
                                                      at::IntArrayRef output_padding, int64_t groups, int nspatial) {
  std::vector<int64_t> lo(nspatial), hi(nspatial);
  for (int i = 0; i < nspatial; ++i) {
    const int64_t k = w.size(2 + i);
    lo[i] = dilation[i] * (k - 1) - padding[i];
    hi[i] = lo[i] + output_padding[i];
    if (lo[i] < 0 || hi[i] < 0) return c10::nullopt;
  }
  at::Tensor input = x;
  bool strided = false;
  for (int i = 0; i < nspatial; ++i) strided |= stride[i] > 1;
  if (strided) {
    std::vector<int64_t> size(x.sizes().begin(), x.sizes().end());
    for (int i = 0; i < nspatial; ++i) size[2 + i] = (x.size(2 + i) - 1) * stride[i] + 1;
    input = at::zeros(size, x.options());
    at::Tensor view = input;
    for (int i = 0; i < nspatial; ++i) view = view.slice(2 + i, 0, c10::nullopt, stride[i]);
    view.copy_(x);
  }
  std::vector<int64_t> pads;  // torch pad order: last dim first
  for (int i = nspatial - 1; i >= 0; --i) {
    pads.push_back(lo[i]);
    pads.push_back(hi[i]);
  }
  input = at::constant_pad_nd(input, pads, 0);
  const int64_t cin = w.size(0), cout_g = w.size(1);
  std::vector<int64_t> grouped{groups, cin / groups, cout_g};
  std::vector<int64_t> flat{groups * cout_g, cin / groups};
  for (int i = 0; i < nspatial; ++i) {
    grouped.push_back(w.size(2 + i));
    flat.push_back(w.size(2 + i));
  }
  std::vector<int64_t> spatial;
  for (int i = 0; i < nspatial; ++i) spatial.push_back(2 + i);
  at::Tensor wt = w.flip(spatial).reshape(grouped).transpose(1, 2).reshape(flat).contiguous();
  std::vector<int64_t> ones(nspatial, 1), zeros(nspatial, 0);
  return at::mkldnn_convolution(input.contiguous(), wt, b, zeros, ones, dilation, groups);
}

}  // namespace vp
