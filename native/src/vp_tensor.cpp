// Tensor metadata, creation, random draws and host copies.
#include <cstring>
#include "internal.h"

using vp::T;
using vp::wrap;

namespace {
at::Generator& G(vp_generator g) {
  if (g == nullptr) throw std::invalid_argument("a generator is required: every random draw is seeded explicitly");
  return *reinterpret_cast<at::Generator*>(g);
}
void check_host_bytes(const at::Tensor& t, int64_t nbytes) {
  const int64_t need = t.numel() * static_cast<int64_t>(t.element_size());
  if (need != nbytes)
    throw std::invalid_argument("byte count mismatch: tensor needs " + std::to_string(need) + " bytes, buffer has " +
                                std::to_string(nbytes));
}
}  // namespace

extern "C" {

int vp_dim(vp_tensor t, int64_t* out) { VP_GUARD(*out = T(t).dim()) }
int vp_shape(vp_tensor t, int64_t* out) {
  VP_GUARD({
    auto s = T(t).sizes();
    std::copy(s.begin(), s.end(), out);
  })
}
int vp_strides(vp_tensor t, int64_t* out) {
  VP_GUARD({
    auto s = T(t).strides();
    std::copy(s.begin(), s.end(), out);
  })
}
int vp_dtype(vp_tensor t, int* out) { VP_GUARD(*out = static_cast<int>(T(t).scalar_type())) }
int vp_device(vp_tensor t, int* type, int* index) {
  VP_GUARD({
    auto d = T(t).device();
    *type = d.is_cuda() ? 1 : 0;
    *index = d.has_index() ? d.index() : 0;
  })
}
int vp_is_contiguous(vp_tensor t, int* out) { VP_GUARD(*out = T(t).is_contiguous() ? 1 : 0) }
int vp_is_inference(vp_tensor t, int* out) { VP_GUARD(*out = T(t).is_inference() ? 1 : 0) }
int vp_data_ptr(vp_tensor t, void** out) { VP_GUARD(*out = T(t).data_ptr()) }
int vp_numel(vp_tensor t, int64_t* out) { VP_GUARD(*out = T(t).numel()) }

int vp_from_data(const void* data, const int64_t* shape, int ndim, int dtype, vp_tensor* out) {
  VP_GUARD({
    auto t = at::empty(vp::dims(shape, ndim), at::TensorOptions().dtype(vp::scalar_type(dtype)));
    const auto n = t.numel() * static_cast<int64_t>(t.element_size());
    if (n > 0) {
      if (data == nullptr) throw std::invalid_argument("null data pointer");
      std::memcpy(t.data_ptr(), data, static_cast<size_t>(n));
    }
    *out = wrap(std::move(t));
  })
}

int vp_wrap(void* data, const int64_t* shape, int ndim, int dtype, vp_deleter deleter, void* context,
            vp_tensor* out) {
  VP_GUARD({
    auto t = at::from_blob(
        data, vp::dims(shape, ndim),
        [deleter, context](void*) {
          if (deleter != nullptr) deleter(context);
        },
        at::TensorOptions().dtype(vp::scalar_type(dtype)));
    *out = wrap(std::move(t));
  })
}

int vp_empty(const int64_t* shape, int ndim, int dtype, int dev_type, int dev_index, vp_tensor* out) {
  VP_GUARD(*out = wrap(at::empty(vp::dims(shape, ndim), vp::options(dtype, dev_type, dev_index))))
}

int vp_full(const int64_t* shape, int ndim, double value, int dtype, int dev_type, int dev_index, vp_tensor* out) {
  VP_GUARD(*out = wrap(at::full(vp::dims(shape, ndim), value, vp::options(dtype, dev_type, dev_index))))
}

int vp_arange(double start, double end, double step, int dtype, int dev_type, int dev_index, vp_tensor* out) {
  VP_GUARD(*out = wrap(at::arange(start, end, step, vp::options(dtype, dev_type, dev_index))))
}

int vp_linspace(double start, double end, int64_t steps, int dtype, int dev_type, int dev_index, vp_tensor* out) {
  VP_GUARD(*out = wrap(at::linspace(start, end, steps, vp::options(dtype, dev_type, dev_index))))
}

int vp_scalar_tensor(double value, int dtype, int dev_type, int dev_index, vp_tensor* out) {
  VP_GUARD(*out = wrap(at::scalar_tensor(value, vp::options(dtype, dev_type, dev_index))))
}

int vp_generator_new(uint64_t seed, int dev_type, int dev_index, vp_generator* out) {
  VP_GUARD({
    at::Generator g;
    if (dev_type == 0) {
      g = at::detail::createCPUGenerator(seed);
    } else {
#ifdef VP_WITH_CUDA
      g = at::make_generator<at::CUDAGeneratorImpl>(static_cast<c10::DeviceIndex>(dev_index));
      g.set_current_seed(seed);
#else
      throw std::invalid_argument("this libtorch has no CUDA support");
#endif
    }
    *out = reinterpret_cast<vp_generator>(new at::Generator(std::move(g)));
  })
}

void vp_generator_free(vp_generator g) { delete reinterpret_cast<at::Generator*>(g); }

int vp_generator_seed(vp_generator g, uint64_t* out) { VP_GUARD(*out = G(g).current_seed()) }

int vp_random(int kind, const int64_t* shape, int ndim, int dtype, int dev_type, int dev_index, vp_generator g,
              vp_tensor* out) {
  VP_GUARD({
    // no lock here: libtorch's CPU distribution kernels lock the generator's (non-recursive) mutex
    // themselves, so holding it too deadlocked every draw
    auto& gen = G(g);
    auto opts = vp::options(dtype, dev_type, dev_index);
    at::Tensor t;
    if (kind == 0)
      t = at::rand(vp::dims(shape, ndim), gen, opts);
    else if (kind == 1)
      t = at::randn(vp::dims(shape, ndim), gen, opts);
    else
      throw std::invalid_argument("unknown random kind " + std::to_string(kind));
    *out = wrap(std::move(t));
  })
}

int vp_randint(int64_t low, int64_t high, const int64_t* shape, int ndim, int dtype, int dev_type, int dev_index,
               vp_generator g, vp_tensor* out) {
  VP_GUARD({
    auto& gen = G(g);
    *out = wrap(at::randint(low, high, vp::dims(shape, ndim), gen, vp::options(dtype, dev_type, dev_index)));
  })
}

int vp_copy_to_host(vp_tensor t, void* dst, int64_t nbytes) {
  VP_GUARD({
    auto& src = T(t);
    check_host_bytes(src, nbytes);
    if (nbytes == 0) return 0;
    auto host = at::from_blob(dst, src.sizes(), at::TensorOptions().dtype(src.scalar_type()));
    host.copy_(src);
  })
}

int vp_copy_from_host(vp_tensor t, const void* src, int64_t nbytes) {
  VP_GUARD({
    auto& dst = T(t);
    check_host_bytes(dst, nbytes);
    if (nbytes == 0) return 0;
    auto host = at::from_blob(const_cast<void*>(src), dst.sizes(), at::TensorOptions().dtype(dst.scalar_type()));
    dst.copy_(host);
  })
}

int vp_to(vp_tensor t, int dtype, int dev_type, int dev_index, int copy, vp_tensor* out) {
  VP_GUARD(*out = wrap(T(t).to(vp::device(dev_type, dev_index), vp::scalar_type(dtype), false, copy != 0)))
}

int vp_clone(vp_tensor t, vp_tensor* out) { VP_GUARD(*out = wrap(T(t).clone())) }
int vp_contiguous(vp_tensor t, vp_tensor* out) { VP_GUARD(*out = wrap(T(t).contiguous())) }
int vp_copy_(vp_tensor dst, vp_tensor src) { VP_GUARD(T(dst).copy_(T(src))) }
int vp_fill_(vp_tensor t, double value) { VP_GUARD(T(t).fill_(value)) }
int vp_item(vp_tensor t, double* out) { VP_GUARD(*out = T(t).item<double>()) }

}  // extern "C"
