// Optimizer updates as PyTorch 1.13's single-tensor (foreach=False) implementations compute them, op for op, so
// a step is bitwise the step torch.optim takes on the same device and thread count. Everything runs without
// autograd recording (torch.no_grad) on the parameters' storage.
#include <cmath>

#include "internal.h"

using vp::T;

namespace {
// The update of one parameter; state tensors are updated in place.
void adam_update(at::Tensor& param, const at::Tensor& grad_in, at::Tensor& exp_avg, at::Tensor& exp_avg_sq,
                 int64_t step, double lr, double beta1, double beta2, double eps, double weight_decay, bool decoupled) {
  at::Tensor grad = grad_in;
  if (decoupled) {
    param.mul_(1 - lr * weight_decay);
  } else if (weight_decay != 0) {
    grad = grad.add(param, weight_decay);
  }
  exp_avg.mul_(beta1).add_(grad, 1 - beta1);
  exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
  const double bias_correction1 = 1 - std::pow(beta1, static_cast<double>(step));
  const double bias_correction2 = 1 - std::pow(beta2, static_cast<double>(step));
  const double step_size = lr / bias_correction1;
  const double bias_correction2_sqrt = std::sqrt(bias_correction2);
  auto denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps);
  param.addcdiv_(exp_avg, denom, -step_size);
}

void check_state(const at::Tensor& param, const at::Tensor& other, const char* what) {
  if (!other.sizes().equals(param.sizes()) || other.scalar_type() != param.scalar_type() || other.device() != param.device())
    throw std::invalid_argument(std::string("optimizer: ") + what + " " + c10::str(other.sizes()) + " " +
                                c10::toString(other.scalar_type()) + " does not match its parameter " +
                                c10::str(param.sizes()) + " " + c10::toString(param.scalar_type()));
}
}  // namespace

extern "C" {

int vp_adam_step(vp_tensor param, vp_tensor grad, vp_tensor exp_avg, vp_tensor exp_avg_sq, int64_t step, double lr,
                 double beta1, double beta2, double eps, double weight_decay, int decoupled) {
  VP_GUARD({
    c10::InferenceMode normal(false);
    at::NoGradGuard no_grad;
    at::Tensor& p = T(param);
    const at::Tensor& g = T(grad);
    check_state(p, g, "gradient");
    check_state(p, T(exp_avg), "exp_avg");
    check_state(p, T(exp_avg_sq), "exp_avg_sq");
    if (step < 1) throw std::invalid_argument("optimizer: step counts from 1, got " + std::to_string(step));
    adam_update(p, g, T(exp_avg), T(exp_avg_sq), step, lr, beta1, beta2, eps, weight_decay, decoupled != 0);
  })
}

// momentum_buffer may be an empty (numel 0) tensor on the first step: it is then set to a copy of the gradient.
int vp_sgd_step(vp_tensor param, vp_tensor grad, vp_tensor momentum_buffer, double lr, double momentum,
                double dampening, double weight_decay, int nesterov) {
  VP_GUARD({
    c10::InferenceMode normal(false);
    at::NoGradGuard no_grad;
    at::Tensor& p = T(param);
    at::Tensor d_p = T(grad);
    check_state(p, d_p, "gradient");
    if (weight_decay != 0) d_p = d_p.add(p, weight_decay);
    if (momentum != 0) {
      at::Tensor& buf = T(momentum_buffer);
      if (buf.numel() == 0) {
        buf.resize_(p.sizes()).copy_(d_p);
      } else {
        check_state(p, buf, "momentum buffer");
        buf.mul_(momentum).add_(d_p, 1 - dampening);
      }
      d_p = nesterov != 0 ? d_p.add(buf, momentum) : buf;
    }
    p.add_(d_p, -lr);
  })
}

// torch.nn.utils.clip_grad_norm_: the total norm of all gradients (returned), then every gradient scaled by
// min(1, max_norm / (total + 1e-6)) in place. norm_type <= 0 means the infinity norm.
int vp_clip_grad_norm(const vp_tensor* grads, int n, double max_norm, double norm_type, double* total_norm) {
  VP_GUARD({
    c10::InferenceMode normal(false);
    at::NoGradGuard no_grad;
    if (n == 0) {
      *total_norm = 0;
      return 0;
    }
    std::vector<at::Tensor> norms;
    norms.reserve(static_cast<size_t>(n));
    const bool inf = norm_type <= 0;
    for (int i = 0; i < n; ++i) {
      const at::Tensor g = T(grads[i]).detach();
      norms.push_back(inf ? g.abs().max() : at::norm(g, norm_type));
    }
    const at::Tensor total = inf ? at::stack(norms).max() : at::norm(at::stack(norms), norm_type);
    const at::Tensor coef = at::clamp(max_norm / (total + 1e-6), c10::nullopt, 1.0);
    for (int i = 0; i < n; ++i) T(grads[i]).detach().mul_(coef);
    *total_norm = total.item<double>();
  })
}

// ema = ema * decay + value * (1 - decay), in place (torch's lerp_ form of an exponential moving average)
int vp_ema_update(vp_tensor ema, vp_tensor value, double decay) {
  VP_GUARD({
    c10::InferenceMode normal(false);
    at::NoGradGuard no_grad;
    check_state(T(ema), T(value), "EMA value");
    T(ema).mul_(decay).add_(T(value), 1 - decay);
  })
}

}  // extern "C"
