// bfloat16/float16 convolutions and matrix products on CPUs without oneDNN's reduced-precision kernels.
//
// torch 1.13 sends a CPU bfloat16 convolution or matrix product to oneDNN only when the CPU has AVX-512 BW, VL
// and DQ (mkldnn_bf16_device_check); elsewhere (e.g. an AVX2-only AMD EPYC) its fallback kernels accumulate in
// the reduced type: a 64-channel 3x3x3 bfloat16 convolution there is off by ~12% of its largest output, a
// 256x1728 by 1728x64 matmul by ~10%, where oneDNN's float32 accumulation stays within bfloat16's rounding.
// On such CPUs these ops therefore run in float32 on the reduced-precision values and round the result once,
// which is what oneDNN computes; the casts are differentiable, so training under bfloat16 autocast works too.
#pragma once
#include <torch/torch.h>
#include <initializer_list>

namespace vp {

inline bool cpu_has_reduced_precision_kernels() {
#if defined(__x86_64__) || defined(__i386__)
  static const bool has = __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
                          __builtin_cpu_supports("avx512dq");
  return has;
#else
  return false;
#endif
}

// True when x is a CPU bfloat16/float16 tensor this CPU would multiply with reduced-precision accumulation.
inline bool needs_float32_accumulation(const at::Tensor& x) {
  const auto type = x.scalar_type();
  if (!x.device().is_cpu() || (type != at::kBFloat16 && type != at::kHalf)) return false;
  return type == at::kHalf || !cpu_has_reduced_precision_kernels();
}

// True when the operands share one dtype and device that needs float32 accumulation (mixed operands are left to
// torch, which reports the mismatch).
inline bool accumulate_in_float32(std::initializer_list<const at::Tensor*> operands) {
  const at::Tensor* first = nullptr;
  for (const auto* t : operands) {
    if (t == nullptr || !t->defined()) continue;
    if (first == nullptr) first = t;
    else if (t->scalar_type() != first->scalar_type() || t->device() != first->device()) return false;
  }
  return first != nullptr && needs_float32_accumulation(*first);
}

inline at::Tensor float32(const at::Tensor& t) { return t.scalar_type() == at::kFloat ? t : t.to(at::kFloat); }

inline c10::optional<at::Tensor> float32(const c10::optional<at::Tensor>& t) {
  return t.has_value() && t->defined() ? c10::optional<at::Tensor>(float32(*t)) : t;
}

// at::matmul, bmm, baddbmm and linear, in float32 where needs_float32_accumulation says so.
inline at::Tensor matmul(const at::Tensor& a, const at::Tensor& b) {
  return accumulate_in_float32({&a, &b}) ? at::matmul(float32(a), float32(b)).to(at::result_type(a, b))
                                         : at::matmul(a, b);
}

inline at::Tensor bmm(const at::Tensor& a, const at::Tensor& b) {
  return accumulate_in_float32({&a, &b}) ? at::bmm(float32(a), float32(b)).to(at::result_type(a, b)) : at::bmm(a, b);
}

inline at::Tensor baddbmm(const at::Tensor& self, const at::Tensor& a, const at::Tensor& b, double beta,
                          double alpha) {
  return accumulate_in_float32({&self, &a, &b})
             ? at::baddbmm(float32(self), float32(a), float32(b), beta, alpha).to(self.scalar_type())
             : at::baddbmm(self, a, b, beta, alpha);
}

inline at::Tensor linear(const at::Tensor& input, const at::Tensor& weight, const c10::optional<at::Tensor>& bias) {
  return accumulate_in_float32({&input, &weight, bias.has_value() ? &*bias : nullptr})
             ? at::linear(float32(input), float32(weight), float32(bias)).to(input.scalar_type())
             : at::linear(input, weight, bias);
}

}  // namespace vp
