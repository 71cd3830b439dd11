// Autograd entry points: the thread's grad mode, requires_grad, .grad, backward and autograd::grad.
#include <torch/csrc/autograd/autograd.h>

#include "internal.h"

using vp::T;
using vp::wrap;

namespace vp {
static thread_local GradMode thread_grad_mode = GradMode::Inference;
GradMode grad_mode() { return thread_grad_mode; }
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
