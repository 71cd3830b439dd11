#include "internal.h"

namespace vp {
static thread_local std::string last_error;

void set_error(const std::string& message) { last_error = message; }

at::ScalarType scalar_type(int dtype) {
  switch (dtype) {
    case 0: return at::kByte;
    case 1: return at::kChar;
    case 2: return at::kShort;
    case 3: return at::kInt;
    case 4: return at::kLong;
    case 5: return at::kHalf;
    case 6: return at::kFloat;
    case 7: return at::kDouble;
    case 11: return at::kBool;
    case 15: return at::kBFloat16;
    default: throw std::invalid_argument("unsupported dtype code " + std::to_string(dtype));
  }
}

at::Device device(int type, int index) {
  if (type == 0) return at::Device(at::kCPU);
  if (type == 1) return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(index));
  throw std::invalid_argument("unsupported device type " + std::to_string(type));
}
}  // namespace vp

extern "C" {

const char* vp_last_error(void) { return vp::last_error.c_str(); }

int vp_set_num_threads(int n) {
  VP_GUARD({
    if (n < 1) throw std::invalid_argument("thread count must be >= 1, got " + std::to_string(n));
    at::set_num_threads(n);
  })
}

int vp_get_num_threads(void) { return at::get_num_threads(); }

const char* vp_torch_version(void) {
  static const std::string v = std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) +
                               "." + std::to_string(TORCH_VERSION_PATCH);
  return v.c_str();
}

int vp_has_mkldnn(void) { return at::hasMKLDNN() ? 1 : 0; }

void vp_free(vp_tensor t) { delete reinterpret_cast<at::Tensor*>(t); }

}  // extern "C"
