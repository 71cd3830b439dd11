// Autograd entry points: the thread's grad mode, requires_grad, .grad, backward and autograd::grad.
#include <ATen/autocast_mode.h>
#include <torch/csrc/autograd/autograd.h>

#include "internal.h"

using vp::T;
using vp::wrap;

namespace vp {
static thread_local GradMode thread_grad_mode = GradMode::Inference;
GradMode grad_mode() { return thread_grad_mode; }

static thread_local int thread_autocast[2] = {0, 0};
int autocast_dtype(int device_type) { return thread_autocast[device_type]; }

AutocastGuard::AutocastGuard() {
  active = thread_autocast[0] != 0 || thread_autocast[1] != 0;
  if (!active) return;
  cpu_before = at::autocast::is_cpu_enabled();
  cuda_before = at::autocast::is_enabled();
  if (thread_autocast[0] != 0) {
    at::autocast::set_autocast_cpu_dtype(static_cast<at::ScalarType>(thread_autocast[0]));
    at::autocast::set_cpu_enabled(true);
  }
  if (thread_autocast[1] != 0) {
    at::autocast::set_autocast_gpu_dtype(static_cast<at::ScalarType>(thread_autocast[1]));
    at::autocast::set_enabled(true);
  }
}

AutocastGuard::~AutocastGuard() {
  if (!active) return;
  at::autocast::set_cpu_enabled(cpu_before);
  at::autocast::set_enabled(cuda_before);
}
}  // namespace vp

namespace {
std::vector<at::Tensor> tensors(const vp_tensor* handles, int n) {
  std::vector<at::Tensor> result;
  result.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) result.push_back(handles == nullptr || handles[i] == nullptr ? at::Tensor() : T(handles[i]));
  return result;
}
}  // namespace

extern "C" {

int vp_set_grad_mode(int mode) {
  VP_GUARD({
    if (mode < 0 || mode > 2) throw std::invalid_argument("unknown grad mode " + std::to_string(mode));
    vp::thread_grad_mode = static_cast<vp::GradMode>(mode);
  })
}

int vp_get_grad_mode(int* out) { VP_GUARD(*out = static_cast<int>(vp::grad_mode())) }

// The thread's autocast state (torch.autocast): dtype 0 turns it off; otherwise ops on the autocast lists run in
// that dtype on the given device type (0 CPU, 1 CUDA). The previous state comes back in previous_dtype (0 when off).
int vp_set_autocast(int device_type, int dtype, int* previous_dtype) {
  VP_GUARD({
    if (device_type != 0 && device_type != 1) throw std::invalid_argument("autocast device type must be 0 (cpu) or 1 (cuda)");
    if (dtype != 0 && dtype != static_cast<int>(at::kBFloat16) && dtype != static_cast<int>(at::kHalf))
      throw std::invalid_argument("autocast runs in bfloat16 or float16");
    *previous_dtype = vp::thread_autocast[device_type];
    vp::thread_autocast[device_type] = dtype;
    // Casts of weights are cached while autocast is on; a region's end drops them (as torch.autocast's exit).
    if (dtype == 0) at::autocast::clear_cache();
  })
}

int vp_requires_grad(vp_tensor t, int* out) { VP_GUARD(*out = T(t).requires_grad() ? 1 : 0) }

int vp_set_requires_grad(vp_tensor t, int value) {
  VP_GUARD({
    at::Tensor& x = T(t);
    if (value != 0 && x.is_inference())
      throw std::invalid_argument(
          "an inference tensor cannot require grad: clone it in grad or no-grad mode first (Module.SetRequiresGrad "
          "does this for parameters)");
    x.set_requires_grad(value != 0);
  })
}

int vp_is_leaf(vp_tensor t, int* out) { VP_GUARD(*out = T(t).is_leaf() ? 1 : 0) }

int vp_grad(vp_tensor t, vp_tensor* out) {
  VP_GUARD({
    const at::Tensor& g = T(t).grad();
    *out = g.defined() ? wrap(g) : nullptr;
  })
}

int vp_set_grad(vp_tensor t, vp_tensor grad) {
  VP_GUARD({
    at::Tensor& x = T(t);
    if (grad == nullptr) {
      x.mutable_grad() = at::Tensor();
      return 0;
    }
    const at::Tensor& g = T(grad);
    if (!g.sizes().equals(x.sizes()) || g.scalar_type() != x.scalar_type() || g.device() != x.device())
      throw std::invalid_argument("grad " + c10::str(g.sizes()) + " " + c10::toString(g.scalar_type()) +
                                  " does not match its tensor " + c10::str(x.sizes()) + " " +
                                  c10::toString(x.scalar_type()));
    x.mutable_grad() = g;
  })
}

int vp_detach(vp_tensor t, vp_tensor* out) { VP_GUARD(*out = wrap(T(t).detach())) }

int vp_backward(vp_tensor t, vp_tensor gradient, int retain_graph, int create_graph) {
  VP_GUARD({
    if (vp::grad_mode() == vp::GradMode::Inference)
      throw std::invalid_argument("backward needs grad mode (GradMode.Enable()); this thread is in inference mode");
    const at::Tensor& x = T(t);
    if (!x.requires_grad())
      throw std::invalid_argument("backward: the tensor does not require grad and has no grad_fn (was it computed "
                                  "in grad mode from parameters that require grad?)");
    c10::optional<at::Tensor> g = gradient == nullptr ? c10::nullopt : c10::optional<at::Tensor>(T(gradient));
    x.backward(g.value_or(at::Tensor()), retain_graph != 0, create_graph != 0);
  })
}

// outs has ninputs entries; an input the outputs do not depend on gets null when allow_unused
int vp_autograd_grad(const vp_tensor* outputs, int noutputs, const vp_tensor* inputs, int ninputs,
                     const vp_tensor* grad_outputs /*nullable, entries nullable*/, int retain_graph, int create_graph,
                     int allow_unused, vp_tensor* outs) {
  VP_GUARD({
    if (vp::grad_mode() == vp::GradMode::Inference)
      throw std::invalid_argument("autograd grad needs grad mode (GradMode.Enable()); this thread is in inference mode");
    auto result = torch::autograd::grad(tensors(outputs, noutputs), tensors(inputs, ninputs),
                                        tensors(grad_outputs, grad_outputs == nullptr ? 0 : noutputs),
                                        retain_graph != 0 ? c10::optional<bool>(true) : c10::optional<bool>(false),
                                        create_graph != 0, allow_unused != 0);
    for (int i = 0; i < ninputs; ++i) outs[i] = result[static_cast<size_t>(i)].defined() ? wrap(result[static_cast<size_t>(i)]) : nullptr;
  })
}

}  // extern "C"
