// Neural-network entry points: convolution (with kernel selection), normalisation, softmax,
// blockwise attention, interpolation and padding.
#include <cmath>
#include <limits>
#include "internal.h"

using vp::T;
using vp::wrap;

namespace {

bool onednn_eligible(const at::Tensor& x, const at::Tensor& w, int nspatial) {
  return at::hasMKLDNN() && x.device().is_cpu() && x.scalar_type() == at::kFloat && w.scalar_type() == at::kFloat &&
         (nspatial == 2 || nspatial == 3) && x.dim() == nspatial + 2 && x.layout() == at::kStrided;
}

// conv_transpose as a stride-1 convolution over a zero-stuffed input with flipped, channel-swapped
// weights, so it runs on oneDNN instead of torch 1.13's slow_conv_transpose3d.
c10::optional<at::Tensor> transpose_via_onednn(const at::Tensor& x, const at::Tensor& w,
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

at::Tensor conv(const at::Tensor& x, const at::Tensor& w, const c10::optional<at::Tensor>& b, at::IntArrayRef stride,
                at::IntArrayRef padding, at::IntArrayRef dilation, at::IntArrayRef output_padding, int nspatial,
                bool transposed, int64_t groups, int kernel) {
  if (w.dim() != nspatial + 2)
    throw std::invalid_argument("conv" + std::to_string(nspatial) + "d expects a " + std::to_string(nspatial + 2) +
                                "-D weight, got " + std::to_string(w.dim()) + "-D");
  if (x.dim() != nspatial + 2)
    throw std::invalid_argument("conv" + std::to_string(nspatial) + "d expects a " + std::to_string(nspatial + 2) +
                                "-D input (batched), got " + std::to_string(x.dim()) + "-D");
  if (kernel == 0 && onednn_eligible(x, w, nspatial)) {
    if (!transposed) {
      // validate as torch would so errors read the same, then go to oneDNN directly
      const int64_t cin = x.size(1);
      if (w.size(1) * groups != cin)
        throw std::invalid_argument("conv: expected input with " + std::to_string(w.size(1) * groups) +
                                    " channels, got " + std::to_string(cin) + " (input " + c10::str(x.sizes()) +
                                    ", weight " + c10::str(w.sizes()) + ")");
      return at::mkldnn_convolution(x.contiguous(), w.contiguous(), b, padding, stride, dilation, groups);
    }
    if (nspatial == 3 && x.size(1) == w.size(0)) {
      auto r = transpose_via_onednn(x, w, b, stride, padding, dilation, output_padding, groups, nspatial);
      if (r) return *r;
    }
  }
  return at::convolution(x, w, b, stride, padding, dilation, transposed, output_padding, groups);
}

at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const c10::optional<at::Tensor>& mask,
                     double scale, int64_t block_q) {
  if (q.dim() < 2 || k.dim() < 2 || v.dim() < 2) throw std::invalid_argument("attention expects (..., L, E) tensors");
  const int64_t L = q.size(-2), S = k.size(-2), E = q.size(-1);
  if (k.size(-1) != E) throw std::invalid_argument("attention: q and k feature sizes differ");
  if (v.size(-2) != S) throw std::invalid_argument("attention: k and v lengths differ");
  const double s = scale > 0 ? scale : 1.0 / std::sqrt(static_cast<double>(E));
  int64_t batch = 1;
  for (int64_t i = 0; i < q.dim() - 2; ++i) batch *= q.size(i);
  if (block_q <= 0) {
    const int64_t budget = int64_t(1) << 24;  // score elements alive at once
    block_q = std::max<int64_t>(64, budget / std::max<int64_t>(1, S * batch));
  }
  block_q = std::min(block_q, std::max<int64_t>(L, 1));
  auto kt = k.transpose(-2, -1);
  std::vector<int64_t> out_size(q.sizes().begin(), q.sizes().end());
  out_size.back() = v.size(-1);
  auto out = at::empty(out_size, v.options().dtype(at::result_type(q, v)));
  for (int64_t start = 0; start < L; start += block_q) {
    const int64_t len = std::min(block_q, L - start);
    auto scores = at::matmul(q.narrow(-2, start, len), kt).mul_(s);
    if (mask) {
      auto m = *mask;
      if (m.dim() >= 2 && m.size(-2) == L && L > 1) m = m.narrow(-2, start, len);
      if (m.scalar_type() == at::kBool)
        scores.masked_fill_(m.logical_not(), -std::numeric_limits<double>::infinity());
      else
        scores.add_(m);
    }
    out.narrow(-2, start, len).copy_(at::matmul(at::softmax(scores, -1), v));
  }
  return out;
}

at::Tensor interpolate(const at::Tensor& x, int mode, const int64_t* size, const double* scales, int n,
                       bool align_corners) {
  if (x.dim() != n + 2)
    throw std::invalid_argument("interpolate: input must have " + std::to_string(n + 2) + " dims for " +
                                std::to_string(n) + " spatial dims, got " + std::to_string(x.dim()));
  at::OptionalIntArrayRef out_size = size ? at::OptionalIntArrayRef(vp::dims(size, n)) : at::OptionalIntArrayRef();
  c10::optional<at::ArrayRef<double>> sf;
  if (!size) {
    if (!scales) throw std::invalid_argument("interpolate needs a size or scale factors");
    sf = at::ArrayRef<double>(scales, static_cast<size_t>(n));
  }
  switch (mode) {
    case 0:
      if (n == 1) return at::upsample_nearest1d(x, out_size, sf);
      if (n == 2) return at::upsample_nearest2d(x, out_size, sf);
      if (n == 3) return at::upsample_nearest3d(x, out_size, sf);
      break;
    case 1:
      if (n == 1) return at::_upsample_nearest_exact1d(x, out_size, sf);
      if (n == 2) return at::_upsample_nearest_exact2d(x, out_size, sf);
      if (n == 3) return at::_upsample_nearest_exact3d(x, out_size, sf);
      break;
    case 2:
      if (n == 1) return at::upsample_linear1d(x, out_size, align_corners, sf);
      break;
    case 3:
      if (n == 2) return at::upsample_bilinear2d(x, out_size, align_corners, sf);
      break;
    case 4:
      if (n == 3) return at::upsample_trilinear3d(x, out_size, align_corners, sf);
      break;
    case 5:
      if (n == 2) return at::upsample_bicubic2d(x, out_size, align_corners, sf);
      break;
    default: break;
  }
  throw std::invalid_argument("interpolate: mode " + std::to_string(mode) + " does not support " + std::to_string(n) +
                              " spatial dims");
}

}  // namespace

extern "C" {

int vp_conv(vp_tensor x, vp_tensor w, vp_tensor b, const int64_t* stride, const int64_t* padding,
            const int64_t* dilation, const int64_t* output_padding, int nspatial, int transposed, int64_t groups,
            int kernel, vp_tensor* out) {
  VP_GUARD({
    if (nspatial < 1 || nspatial > 3) throw std::invalid_argument("conv supports 1, 2 or 3 spatial dims");
    std::vector<int64_t> zeros(static_cast<size_t>(nspatial), 0);
    at::IntArrayRef op = output_padding ? vp::dims(output_padding, nspatial) : at::IntArrayRef(zeros);
    *out = wrap(conv(T(x), T(w), vp::opt(b), vp::dims(stride, nspatial), vp::dims(padding, nspatial),
                     vp::dims(dilation, nspatial), op, nspatial, transposed != 0, groups, kernel));
  })
}

int vp_group_norm(vp_tensor x, int64_t groups, vp_tensor w, vp_tensor b, double eps, vp_tensor* out) {
  VP_GUARD(*out = wrap(at::group_norm(T(x), groups, vp::opt(w), vp::opt(b), eps, true)))
}

int vp_layer_norm(vp_tensor x, const int64_t* normalized, int n, vp_tensor w, vp_tensor b, double eps, vp_tensor* out) {
  VP_GUARD(*out = wrap(at::layer_norm(T(x), vp::dims(normalized, n), vp::opt(w), vp::opt(b), eps, true)))
}

int vp_softmax(vp_tensor x, int64_t dim, int log, vp_tensor* out) {
  VP_GUARD(*out = wrap(log ? at::log_softmax(T(x), dim) : at::softmax(T(x), dim)))
}

int vp_attention(vp_tensor q, vp_tensor k, vp_tensor v, vp_tensor mask, double scale, int64_t block_q, vp_tensor* out) {
  VP_GUARD(*out = wrap(attention(T(q), T(k), T(v), vp::opt(mask), scale, block_q)))
}

int vp_interpolate(vp_tensor x, int mode, const int64_t* size, const double* scales, int nspatial, int align_corners,
                   vp_tensor* out) {
  VP_GUARD(*out = wrap(interpolate(T(x), mode, size, scales, nspatial, align_corners != 0)))
}

int vp_pad(vp_tensor x, const int64_t* pads, int npads, int mode, double value, vp_tensor* out) {
  VP_GUARD({
    static const char* modes[] = {"constant", "reflect", "replicate", "circular"};
    if (mode < 0 || mode > 3) throw std::invalid_argument("unknown pad mode " + std::to_string(mode));
    c10::optional<double> v;
    if (mode == 0) v = value;
    *out = wrap(at::pad(T(x), vp::dims(pads, npads), modes[mode], v));
  })
}

}  // extern "C"
