// A oneDNN convolution whose backward runs on oneDNN too. at::mkldnn_convolution's own backward goes through
// at::convolution_backward, whose backend rule (torch 1.13's use_mkldnn) sends a batch of one with small maps to the
// slow reference 3-D kernel. This backward calls at::convolution_backward itself and, for exactly those shapes,
// appends a zero sample to the batch so the rule picks oneDNN: the zero sample adds nothing to the weight gradient
// and its input gradient is dropped. Twice the arithmetic on oneDNN is still far faster than the reference kernel.
// A bias (an empty tensor when there is none: autograd functions take no undefined inputs) is fused into the oneDNN forward and its gradient computed by the same backward call, as
// torch's own mkldnn convolution does, instead of a separate add and sum over the whole output.
#pragma once
#include <torch/torch.h>

#include "conv_onednn.h"

namespace vp {

struct OneDnnConvFunction : public torch::autograd::Function<OneDnnConvFunction> {
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& x, const at::Tensor& w,
                            const at::Tensor& bias, std::vector<int64_t> stride, std::vector<int64_t> padding,
                            std::vector<int64_t> dilation, int64_t groups) {
    ctx->save_for_backward({x, w});
    const bool has_bias = bias.numel() > 0;
    ctx->saved_data["has_bias"] = has_bias;
    ctx->saved_data["stride"] = stride;
    ctx->saved_data["padding"] = padding;
    ctx->saved_data["dilation"] = dilation;
    ctx->saved_data["groups"] = groups;
    const c10::optional<at::Tensor> b = has_bias ? c10::optional<at::Tensor>(bias.contiguous()) : c10::nullopt;
    return at::mkldnn_convolution(x.contiguous(), w.contiguous(), b, padding, stride, dilation, groups);
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    auto saved = ctx->get_saved_variables();
    const at::Tensor& x = saved[0];
    const at::Tensor& w = saved[1];
    const auto stride = ctx->saved_data["stride"].toIntVector();
    const auto padding = ctx->saved_data["padding"].toIntVector();
    const auto dilation = ctx->saved_data["dilation"].toIntVector();
    const int64_t groups = ctx->saved_data["groups"].toInt();
    const bool has_bias = ctx->saved_data["has_bias"].toBool();
    const std::vector<int64_t> bias_sizes{w.size(0)};
    const std::vector<int64_t> no_output_padding(stride.size(), 0);
    const at::Tensor g = grads[0].contiguous();
    const bool pad = x.size(0) == 1 && !torch_picks_onednn(x, w, stride, dilation, no_output_padding, false, groups);
    const at::Tensor input = pad ? at::cat({x, at::zeros_like(x)}, 0) : x;
    const at::Tensor grad_output = pad ? at::cat({g, at::zeros_like(g)}, 0) : g;
    auto [grad_x, grad_w, grad_b] = at::convolution_backward(
        grad_output, input, w, has_bias ? c10::optional<at::IntArrayRef>(bias_sizes) : c10::nullopt, stride, padding,
        dilation, false, no_output_padding, groups,
        {ctx->needs_input_grad(0), ctx->needs_input_grad(1), has_bias && ctx->needs_input_grad(2)});
    if (pad && grad_x.defined()) grad_x = grad_x.narrow(0, 0, 1);
    return {grad_x, grad_w, grad_b, at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor()};
  }
};

}  // namespace vp
