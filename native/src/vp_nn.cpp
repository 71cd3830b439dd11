// Neural-network entry points: convolution (with kernel selection), normalisation, softmax,
// blockwise attention, interpolation and padding.
#include "attention.h"
#include "channel_norm.h"
#include "conv_onednn.h"
#include "internal.h"
#include "onednn_conv_function.h"
#include "reduced_precision.h"

using vp::T;
using vp::wrap;

namespace {

// kernel: 0 auto (the rule in conv_onednn.h), 1 torch's own choice, 2 oneDNN wherever it can run
vp::ConvPath conv_path(const at::Tensor& x, const at::Tensor& w, at::IntArrayRef stride, at::IntArrayRef dilation,
                       at::IntArrayRef output_padding, int nspatial, bool transposed, int64_t groups, int kernel) {
  switch (kernel) {
    case 0: return vp::select_conv_path(x, w, stride, dilation, output_padding, nspatial, transposed, groups);
    case 1: return vp::ConvPath::Torch;
    case 2:
      if (!vp::onednn_eligible(x, w, nspatial)) return vp::ConvPath::Torch;
      if (!transposed) return vp::ConvPath::OneDnn;
      return x.size(1) == w.size(0) ? vp::ConvPath::OneDnnZeroStuffed : vp::ConvPath::Torch;
    default: throw std::invalid_argument("unknown convolution kernel " + std::to_string(kernel));
  }
}

void check_conv_ranks(const at::Tensor& x, const at::Tensor& w, int nspatial) {
  if (w.dim() != nspatial + 2)
    throw std::invalid_argument("conv" + std::to_string(nspatial) + "d expects a " + std::to_string(nspatial + 2) +
                                "-D weight, got " + std::to_string(w.dim()) + "-D");
  if (x.dim() != nspatial + 2)
    throw std::invalid_argument("conv" + std::to_string(nspatial) + "d expects a " + std::to_string(nspatial + 2) +
                                "-D input (batched), got " + std::to_string(x.dim()) + "-D");
}

// The convolution in the inputs' own dtypes (autocast already applied): float32 accumulation where the CPU needs it,
// then the fastest path.
at::Tensor routed_conv(const at::Tensor& x, const at::Tensor& w, const c10::optional<at::Tensor>& b,
                       at::IntArrayRef stride, at::IntArrayRef padding, at::IntArrayRef dilation,
                       at::IntArrayRef output_padding, int nspatial, bool transposed, int64_t groups, int kernel);

// Under autocast a convolution runs in the autocast dtype, as torch.autocast's conv*d do (our routing calls
// at::convolution or oneDNN directly, which are not on autocast's lists): floating inputs are cast, differentiably.
c10::optional<at::Tensor> autocast_conv(const at::Tensor& x, const at::Tensor& w, const c10::optional<at::Tensor>& b,
                                        at::IntArrayRef stride, at::IntArrayRef padding, at::IntArrayRef dilation,
                                        at::IntArrayRef output_padding, int nspatial, bool transposed, int64_t groups,
                                        int kernel) {
  const int dtype = vp::autocast_dtype(x.is_cuda() ? 1 : 0);
  if (dtype == 0 || !x.is_floating_point()) return c10::nullopt;
  const auto target = static_cast<at::ScalarType>(dtype);
  if (x.scalar_type() == target && w.scalar_type() == target && (!b.has_value() || b->scalar_type() == target))
    return c10::nullopt;
  c10::optional<at::Tensor> cast_bias = b.has_value() ? c10::optional<at::Tensor>(b->to(target)) : c10::nullopt;
  return routed_conv(x.to(target), w.to(target), cast_bias, stride, padding, dilation, output_padding, nspatial,
                     transposed, groups, kernel);
}

at::Tensor conv(const at::Tensor& x, const at::Tensor& w, const c10::optional<at::Tensor>& b, at::IntArrayRef stride,
                at::IntArrayRef padding, at::IntArrayRef dilation, at::IntArrayRef output_padding, int nspatial,
                bool transposed, int64_t groups, int kernel) {
  check_conv_ranks(x, w, nspatial);
  if (auto cast = autocast_conv(x, w, b, stride, padding, dilation, output_padding, nspatial, transposed, groups, kernel))
    return *cast;
  return routed_conv(x, w, b, stride, padding, dilation, output_padding, nspatial, transposed, groups, kernel);
}

at::Tensor routed_conv(const at::Tensor& x, const at::Tensor& w, const c10::optional<at::Tensor>& b,
                       at::IntArrayRef stride, at::IntArrayRef padding, at::IntArrayRef dilation,
                       at::IntArrayRef output_padding, int nspatial, bool transposed, int64_t groups, int kernel) {
  if (vp::accumulate_in_float32({&x, &w, b.has_value() ? &*b : nullptr})) {
    return routed_conv(vp::float32(x), vp::float32(w), vp::float32(b), stride, padding, dilation, output_padding,
                       nspatial, transposed, groups, kernel)
        .to(x.scalar_type());
  }
  const at::Tensor* bias = b.has_value() ? &*b : nullptr;
  auto path = conv_path(x, w, stride, dilation, output_padding, nspatial, transposed, groups, kernel);
  // Recorded for backward, the oneDNN route goes through OneDnnConvFunction (a oneDNN backward too, so training
  // avoids torch's slow 3D kernel as inference does); the zero-stuffed transposed route is not differentiable and
  // gives way to torch's own.
  if (path == vp::ConvPath::OneDnnZeroStuffed && vp::recording({&x, &w, bias})) path = vp::ConvPath::Torch;
  switch (path) {
    case vp::ConvPath::OneDnn: {
      // validate as torch would so errors read the same, then go to oneDNN directly
      const int64_t cin = x.size(1);
      if (w.size(1) * groups != cin)
        throw std::invalid_argument("conv: expected input with " + std::to_string(w.size(1) * groups) +
                                    " channels, got " + std::to_string(cin) + " (input " + c10::str(x.sizes()) +
                                    ", weight " + c10::str(w.sizes()) + ")");
      if (vp::recording({&x, &w, bias})) {
        return vp::OneDnnConvFunction::apply(x, w, b.has_value() ? *b : at::empty({0}, w.options()), stride.vec(),
                                             padding.vec(), dilation.vec(), groups);
      }
      return at::mkldnn_convolution(x.contiguous(), w.contiguous(), b, padding, stride, dilation, groups);
    }
    case vp::ConvPath::OneDnnZeroStuffed: {
      auto r = vp::transpose_via_onednn(x, w, b, stride, padding, dilation, output_padding, groups, nspatial);
      if (r) return *r;
      break;
    }
    case vp::ConvPath::Torch: break;
  }
  return at::convolution(x, w, b, stride, padding, dilation, transposed, output_padding, groups);
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

int vp_conv_path(vp_tensor x, vp_tensor w, const int64_t* stride, const int64_t* dilation,
                 const int64_t* output_padding, int nspatial, int transposed, int64_t groups, int kernel, int* out) {
  VP_GUARD({
    if (nspatial < 1 || nspatial > 3) throw std::invalid_argument("conv supports 1, 2 or 3 spatial dims");
    check_conv_ranks(T(x), T(w), nspatial);
    std::vector<int64_t> zeros(static_cast<size_t>(nspatial), 0);
    at::IntArrayRef op = output_padding ? vp::dims(output_padding, nspatial) : at::IntArrayRef(zeros);
    *out = static_cast<int>(conv_path(T(x), T(w), vp::dims(stride, nspatial), vp::dims(dilation, nspatial), op,
                                      nspatial, transposed != 0, groups, kernel));
  })
}

int vp_group_norm(vp_tensor x, int64_t groups, vp_tensor w, vp_tensor b, double eps, vp_tensor* out) {
  VP_GUARD(*out = wrap(at::group_norm(T(x), groups, vp::opt(w), vp::opt(b), eps, true)))
}

int vp_layer_norm(vp_tensor x, const int64_t* normalized, int n, vp_tensor w, vp_tensor b, double eps, vp_tensor* out) {
  VP_GUARD(*out = wrap(at::layer_norm(T(x), vp::dims(normalized, n), vp::opt(w), vp::opt(b), eps, true)))
}

int vp_channel_rms_norm(vp_tensor x, vp_tensor scale, int64_t groups, double eps, int silu, vp_tensor* out) {
  VP_GUARD(*out = wrap(vp::channel_rms_norm(T(x), T(scale), groups, eps, silu != 0)))
}

int vp_softmax(vp_tensor x, int64_t dim, int log, vp_tensor* out) {
  VP_GUARD(*out = wrap(log ? at::log_softmax(T(x), dim) : at::softmax(T(x), dim)))
}

int vp_attention(vp_tensor q, vp_tensor k, vp_tensor v, vp_tensor mask, double scale, int64_t block_q, vp_tensor* out) {
  VP_GUARD(*out = wrap(vp::blockwise_attention(T(q), T(k), T(v), vp::opt(mask), scale, block_q)))
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
