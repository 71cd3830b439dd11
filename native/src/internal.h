// Shared helpers for the shim: handle conversion and the guard that turns every C++ exception into
// an error code plus a thread-local message.
#pragma once
#include <torch/torch.h>
#include <string>
#include <vector>
#include "vp.h"

namespace vp {

void set_error(const std::string& message);

// Tensors of this size and more come from the block cache (vp_block_cache.cpp); below it, glibc's arenas, with its
// mmap threshold fixed here by default (vp_core.cpp) so the sizes in between never fragment them.
constexpr size_t kLargeTensorBytes = 128 << 10;

inline at::Tensor& T(vp_tensor t) {
  if (t == nullptr) throw std::invalid_argument("null tensor handle");
  return *reinterpret_cast<at::Tensor*>(t);
}
inline c10::optional<at::Tensor> opt(vp_tensor t) {
  if (t == nullptr) return c10::nullopt;
  return *reinterpret_cast<at::Tensor*>(t);
}
inline vp_tensor wrap(at::Tensor t) { return reinterpret_cast<vp_tensor>(new at::Tensor(std::move(t))); }
inline at::IntArrayRef dims(const int64_t* p, int n) { return at::IntArrayRef(p, static_cast<size_t>(n)); }
at::ScalarType scalar_type(int dtype);
at::Device device(int type, int index);
inline at::TensorOptions options(int dtype, int dev_type, int dev_index) {
  return at::TensorOptions().dtype(scalar_type(dtype)).device(device(dev_type, dev_index));
}

// The calling thread's autograd mode (vp_set_grad_mode): inference (the default: no autograd bookkeeping,
// tensors are inference tensors), grad (normal tensors, operations on tensors that require grad are recorded)
// or no-grad (normal tensors, nothing recorded: optimizer updates, evaluation inside a training run).
enum class GradMode : int { Inference = 0, Grad = 1, NoGrad = 2 };
GradMode grad_mode();

// The thread's autocast dtype per device type (0 CPU, 1 CUDA; c10::ScalarType, 0 = off), set by vp_set_autocast.
int autocast_dtype(int device_type);

// Applies the thread's autocast state for one entry point (InferenceMode restores the whole dispatch key set when
// it ends, so a state set by one call would not survive into the next).
struct AutocastGuard {
  bool active = false;
  bool cpu_before = false;
  bool cuda_before = false;
  AutocastGuard();
  ~AutocastGuard();
};

// True when an operation on these tensors is being recorded for backward: our own kernels (oneDNN routing,
// fused norms) then step aside for libtorch's differentiable ops.
inline bool recording(std::initializer_list<const at::Tensor*> tensors) {
  if (grad_mode() != GradMode::Grad) return false;
  for (const at::Tensor* t : tensors)
    if (t != nullptr && t->defined() && t->requires_grad()) return true;
  return false;
}

// Scoped libtorch modes for one entry point, from the thread's GradMode.
struct ModeGuard {
  c10::InferenceMode inference;
  c10::AutoGradMode autograd;
  AutocastGuard autocast;
  ModeGuard() : ModeGuard(grad_mode()) {}
  explicit ModeGuard(GradMode mode) : inference(mode == GradMode::Inference), autograd(mode == GradMode::Grad) {}
};

}  // namespace vp

// Every entry point body runs inside VP_GUARD: the thread's grad mode (inference by default, no autograd
// bookkeeping) and no exception ever crosses the C boundary.
#define VP_GUARD(...)                                    \
  try {                                                  \
    vp::ModeGuard vp_mode_guard;                         \
    __VA_ARGS__;                                         \
    return 0;                                            \
  } catch (const c10::Error& e) {                        \
    vp::set_error(e.what_without_backtrace());           \
    return 1;                                            \
  } catch (const std::exception& e) {                    \
    vp::set_error(e.what());                             \
    return 1;                                            \
  } catch (...) {                                        \
    vp::set_error("unknown native error");               \
    return 1;                                            \
  }
