// Elementwise, reduction, shape and linear-algebra entry points.
#include <cmath>
#include "internal.h"
#include "reduced_precision.h"

using vp::T;
using vp::wrap;

namespace {
// A scalar operand as Python would have written it: a whole number against an integer or bool tensor is an
// integer scalar (int64 + 1 stays int64, as in torch), anything else a float scalar. The ABI carries
// doubles only; passing them through as floats turned every integer tensor op with a scalar into float32.
at::Scalar scalar_for(const at::Tensor& a, double b) {
  const bool integral_tensor = !at::isFloatingType(a.scalar_type()) && !at::isComplexType(a.scalar_type());
  if (integral_tensor && std::isfinite(b) && std::nearbyint(b) == b && std::fabs(b) < 9.2e18)
    return at::Scalar(static_cast<int64_t>(b));
  return at::Scalar(b);
}

at::Tensor unary(int op, const at::Tensor& a) {
  switch (op) {
    case 0: return at::neg(a);
    case 1: return at::abs(a);
    case 2: return at::exp(a);
    case 3: return at::log(a);
    case 4: return at::sqrt(a);
    case 5: return at::rsqrt(a);
    case 6: return at::sin(a);
    case 7: return at::cos(a);
    case 8: return at::sigmoid(a);
    case 9: return at::tanh(a);
    case 10: return at::relu(a);
    case 11: return at::silu(a);
    case 12: return at::gelu(a, "none");
    case 13: return at::gelu(a, "tanh");
    case 14: return at::floor(a);
    case 15: return at::ceil(a);
    case 16: return at::round(a);
    case 17: return at::sign(a);
    case 18: return at::erf(a);
    case 19: return at::logical_not(a);
    case 20: return at::square(a);
    case 21: return at::reciprocal(a);
    case 22: return at::log1p(a);
    case 23: return at::expm1(a);
    case 24: return at::isnan(a);
    case 25: return at::trunc(a);
    default: throw std::invalid_argument("unknown unary op " + std::to_string(op));
  }
}

void unary_(int op, at::Tensor& a) {
  switch (op) {
    case 0: a.neg_(); return;
    case 1: a.abs_(); return;
    case 2: a.exp_(); return;
    case 3: a.log_(); return;
    case 4: a.sqrt_(); return;
    case 5: a.rsqrt_(); return;
    case 6: a.sin_(); return;
    case 7: a.cos_(); return;
    case 8: a.sigmoid_(); return;
    case 9: a.tanh_(); return;
    case 10: a.relu_(); return;
    case 11: at::silu_(a); return;
    case 14: a.floor_(); return;
    case 15: a.ceil_(); return;
    case 16: a.round_(); return;
    case 20: a.square_(); return;
    case 21: a.reciprocal_(); return;
    default: a.copy_(unary(op, a)); return;
  }
}

template <typename B>
at::Tensor binary(int op, const at::Tensor& a, const B& b) {
  switch (op) {
    case 0: return at::add(a, b);
    case 1: return at::sub(a, b);
    case 2: return at::mul(a, b);
    case 3: return at::div(a, b);
    case 4: return at::pow(a, b);
    case 5: return at::eq(a, b);
    case 6: return at::ne(a, b);
    case 7: return at::lt(a, b);
    case 8: return at::le(a, b);
    case 9: return at::gt(a, b);
    case 10: return at::ge(a, b);
    case 15: return at::remainder(a, b);
    case 16: return at::floor_divide(a, b);
    default: break;
  }
  if constexpr (std::is_same_v<B, at::Tensor>) {
    switch (op) {
      case 11: return at::maximum(a, b);
      case 12: return at::minimum(a, b);
      case 13: return at::logical_and(a, b);
      case 14: return at::logical_or(a, b);
      case 17: return at::atan2(a, b);
      default: break;
    }
  } else {
    switch (op) {
      case 11: return at::clamp_min(a, b);
      case 12: return at::clamp_max(a, b);
      default: break;
    }
  }
  throw std::invalid_argument("unknown binary op " + std::to_string(op));
}

template <typename B>
void binary_(int op, at::Tensor& a, const B& b) {
  switch (op) {
    case 0: a.add_(b); return;
    case 1: a.sub_(b); return;
    case 2: a.mul_(b); return;
    case 3: a.div_(b); return;
    case 4: a.pow_(b); return;
    default: a.copy_(binary(op, a, b)); return;
  }
}
}  // namespace

extern "C" {

int vp_unary(int op, vp_tensor a, vp_tensor* out) { VP_GUARD(*out = wrap(unary(op, T(a)))) }
int vp_unary_(int op, vp_tensor a) { VP_GUARD(unary_(op, T(a))) }
int vp_binary(int op, vp_tensor a, vp_tensor b, vp_tensor* out) { VP_GUARD(*out = wrap(binary(op, T(a), T(b)))) }
int vp_binary_(int op, vp_tensor a, vp_tensor b) { VP_GUARD(binary_(op, T(a), T(b))) }
int vp_binary_scalar(int op, vp_tensor a, double b, vp_tensor* out) {
  VP_GUARD(*out = wrap(binary(op, T(a), scalar_for(T(a), b))))
}
int vp_binary_scalar_(int op, vp_tensor a, double b) { VP_GUARD(binary_(op, T(a), scalar_for(T(a), b))) }
int vp_rsub_scalar(double a, vp_tensor b, vp_tensor* out) { VP_GUARD(*out = wrap(at::rsub(T(b), scalar_for(T(b), a)))) }
int vp_leaky_relu(vp_tensor a, double slope, vp_tensor* out) { VP_GUARD(*out = wrap(at::leaky_relu(T(a), slope))) }
int vp_clamp(vp_tensor a, int has_min, double min, int has_max, double max, vp_tensor* out) {
  VP_GUARD({
    c10::optional<at::Scalar> lo, hi;
    if (has_min) lo = scalar_for(T(a), min);
    if (has_max) hi = scalar_for(T(a), max);
    *out = wrap(at::clamp(T(a), lo, hi));
  })
}
int vp_where(vp_tensor cond, vp_tensor a, vp_tensor b, vp_tensor* out) {
  VP_GUARD(*out = wrap(at::where(T(cond), T(a), T(b))))
}
int vp_masked_fill(vp_tensor a, vp_tensor mask, double value, vp_tensor* out) {
  VP_GUARD(*out = wrap(T(a).masked_fill(T(mask), value)))
}
int vp_addcmul(vp_tensor a, vp_tensor b, vp_tensor c, double value, vp_tensor* out) {
  VP_GUARD(*out = wrap(at::addcmul(T(a), T(b), T(c), value)))
}
int vp_lerp(vp_tensor a, vp_tensor b, double weight, vp_tensor* out) {
  VP_GUARD(*out = wrap(at::lerp(T(a), T(b), weight)))
}

int vp_reduce(int op, vp_tensor a, const int64_t* dims, int ndims, int keepdim, vp_tensor* out) {
  VP_GUARD({
    auto& x = T(a);
    const bool all = ndims == 0;
    std::vector<int64_t> every;
    if (all)
      for (int64_t i = 0; i < x.dim(); ++i) every.push_back(i);
    at::IntArrayRef d = all ? at::IntArrayRef(every) : vp::dims(dims, ndims);
    const bool k = keepdim != 0;
    switch (op) {
      case 0: *out = wrap(at::sum(x, d, k)); break;
      case 1: *out = wrap(at::mean(x, d, k)); break;
      case 2: *out = wrap(at::amax(x, d, k)); break;
      case 3: *out = wrap(at::amin(x, d, k)); break;
      case 4: {
        at::Tensor r = x;
        if (all) {
          r = k ? at::prod(x).reshape(std::vector<int64_t>(x.dim(), 1)) : at::prod(x);
        } else {
          std::vector<int64_t> sorted(d.begin(), d.end());
          for (auto& s : sorted) s = c10::maybe_wrap_dim(s, x.dim());
          std::sort(sorted.rbegin(), sorted.rend());
          for (auto s : sorted) r = at::prod(r, s, k);
        }
        *out = wrap(r);
        break;
      }
      default: throw std::invalid_argument("unknown reduction " + std::to_string(op));
    }
  })
}

int vp_var(vp_tensor a, const int64_t* dims, int ndims, int64_t correction, int keepdim, vp_tensor* out) {
  VP_GUARD({
    auto& x = T(a);
    at::OptionalIntArrayRef d = ndims == 0 ? at::OptionalIntArrayRef() : at::OptionalIntArrayRef(vp::dims(dims, ndims));
    *out = wrap(at::var(x, d, c10::optional<int64_t>(correction), keepdim != 0));
  })
}

int vp_norm(vp_tensor a, double p, const int64_t* dims, int ndims, int keepdim, vp_tensor* out) {
  VP_GUARD({
    auto& x = T(a);
    if (ndims == 0)
      *out = wrap(keepdim ? at::norm(x.reshape({-1}), p, {0}, false).reshape(std::vector<int64_t>(x.dim(), 1))
                          : at::norm(x, p));
    else
      *out = wrap(at::norm(x, p, vp::dims(dims, ndims), keepdim != 0));
  })
}

int vp_minmax_dim(int op, vp_tensor a, int64_t dim, int keepdim, vp_tensor* values, vp_tensor* indices) {
  VP_GUARD({
    auto r = op == 0 ? at::max(T(a), dim, keepdim != 0) : at::min(T(a), dim, keepdim != 0);
    *values = wrap(std::get<0>(r));
    *indices = wrap(std::get<1>(r));
  })
}

int vp_argmax(vp_tensor a, int64_t dim, int keepdim, vp_tensor* out) {
  VP_GUARD(*out = wrap(at::argmax(T(a), dim, keepdim != 0)))
}
int vp_cumsum(vp_tensor a, int64_t dim, vp_tensor* out) { VP_GUARD(*out = wrap(at::cumsum(T(a), dim))) }
int vp_all_close(vp_tensor a, vp_tensor b, double rtol, double atol, int* out) {
  VP_GUARD(*out = at::allclose(T(a), T(b), rtol, atol) ? 1 : 0)
}

int vp_reshape(vp_tensor a, const int64_t* shape, int ndim, vp_tensor* out) {
  VP_GUARD(*out = wrap(T(a).reshape(vp::dims(shape, ndim))))
}
int vp_view(vp_tensor a, const int64_t* shape, int ndim, vp_tensor* out) {
  VP_GUARD(*out = wrap(T(a).view(vp::dims(shape, ndim))))
}
int vp_permute(vp_tensor a, const int64_t* dims, int ndim, vp_tensor* out) {
  VP_GUARD(*out = wrap(T(a).permute(vp::dims(dims, ndim))))
}
int vp_transpose(vp_tensor a, int64_t d0, int64_t d1, vp_tensor* out) { VP_GUARD(*out = wrap(T(a).transpose(d0, d1))) }
int vp_flatten(vp_tensor a, int64_t start, int64_t end, vp_tensor* out) {
  VP_GUARD(*out = wrap(T(a).flatten(start, end)))
}
int vp_unsqueeze(vp_tensor a, int64_t dim, vp_tensor* out) { VP_GUARD(*out = wrap(T(a).unsqueeze(dim))) }
int vp_squeeze(vp_tensor a, int64_t dim, int all, vp_tensor* out) {
  VP_GUARD(*out = wrap(all ? T(a).squeeze() : T(a).squeeze(dim)))
}
int vp_expand(vp_tensor a, const int64_t* shape, int ndim, vp_tensor* out) {
  VP_GUARD(*out = wrap(T(a).expand(vp::dims(shape, ndim))))
}
int vp_repeat(vp_tensor a, const int64_t* repeats, int ndim, vp_tensor* out) {
  VP_GUARD(*out = wrap(T(a).repeat(vp::dims(repeats, ndim))))
}
int vp_flip(vp_tensor a, const int64_t* dims, int ndims, vp_tensor* out) {
  VP_GUARD(*out = wrap(T(a).flip(vp::dims(dims, ndims))))
}
int vp_roll(vp_tensor a, const int64_t* shifts, const int64_t* dims, int ndims, vp_tensor* out) {
  VP_GUARD(*out = wrap(at::roll(T(a), vp::dims(shifts, ndims), vp::dims(dims, ndims))))
}
int vp_narrow(vp_tensor a, int64_t dim, int64_t start, int64_t length, vp_tensor* out) {
  VP_GUARD(*out = wrap(T(a).narrow(dim, start, length)))
}
int vp_slice(vp_tensor a, int64_t dim, int64_t start, int64_t end, int64_t step, vp_tensor* out) {
  VP_GUARD(*out = wrap(T(a).slice(dim, start, end, step)))
}
int vp_select(vp_tensor a, int64_t dim, int64_t index, vp_tensor* out) { VP_GUARD(*out = wrap(T(a).select(dim, index))) }
int vp_index_select(vp_tensor a, int64_t dim, vp_tensor index, vp_tensor* out) {
  VP_GUARD(*out = wrap(at::index_select(T(a), dim, T(index))))
}
int vp_gather(vp_tensor a, int64_t dim, vp_tensor index, vp_tensor* out) {
  VP_GUARD(*out = wrap(at::gather(T(a), dim, T(index))))
}

static std::vector<at::Tensor> list(const vp_tensor* ts, int n) {
  std::vector<at::Tensor> v;
  v.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v.push_back(T(ts[i]));
  return v;
}

int vp_cat(const vp_tensor* ts, int n, int64_t dim, vp_tensor* out) { VP_GUARD(*out = wrap(at::cat(list(ts, n), dim))) }
int vp_stack(const vp_tensor* ts, int n, int64_t dim, vp_tensor* out) {
  VP_GUARD(*out = wrap(at::stack(list(ts, n), dim)))
}

int vp_split_sizes(vp_tensor a, const int64_t* sizes, int nsizes, int64_t dim, vp_tensor* outs) {
  VP_GUARD({
    auto parts = at::split_with_sizes(T(a), vp::dims(sizes, nsizes), dim);
    for (size_t i = 0; i < parts.size(); ++i) outs[i] = wrap(parts[i]);
  })
}

int vp_chunk_count(vp_tensor a, int64_t chunks, int64_t dim, int64_t* out) {
  VP_GUARD(*out = static_cast<int64_t>(T(a).chunk(chunks, dim).size()))
}

int vp_chunk(vp_tensor a, int64_t chunks, int64_t dim, vp_tensor* outs) {
  VP_GUARD({
    auto parts = T(a).chunk(chunks, dim);
    for (size_t i = 0; i < parts.size(); ++i) outs[i] = wrap(parts[i]);
  })
}

int vp_matmul(vp_tensor a, vp_tensor b, vp_tensor* out) { VP_GUARD(*out = wrap(vp::matmul(T(a), T(b)))) }
int vp_bmm(vp_tensor a, vp_tensor b, vp_tensor* out) { VP_GUARD(*out = wrap(vp::bmm(T(a), T(b)))) }
int vp_baddbmm(vp_tensor self, vp_tensor a, vp_tensor b, double beta, double alpha, vp_tensor* out) {
  VP_GUARD(*out = wrap(vp::baddbmm(T(self), T(a), T(b), beta, alpha)))
}
int vp_linear(vp_tensor x, vp_tensor w, vp_tensor b, vp_tensor* out) {
  VP_GUARD(*out = wrap(vp::linear(T(x), T(w), vp::opt(b))))
}

}  // extern "C"
