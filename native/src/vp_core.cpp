#include "internal.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace vp {
static thread_local std::string last_error;

// glibc raises its mmap threshold to the size of each mmapped block freed (up to 32 MiB); from then on
// tensors below that size come from the malloc arenas, which libtorch's mix of sizes across OpenMP and .NET
// threads fragments, so the resident set of a long streaming run kept growing with its length
// (docs/benchmarks.md, "Streaming reconstruction memory"). A fixed threshold keeps every larger tensor an
// mmap of its own, returned to the system when freed.
[[maybe_unused]] static const bool fixed_mmap_threshold = [] {
#if defined(__GLIBC__)
  const char* text = std::getenv("VIDEOPIPE_MMAP_THRESHOLD");
  const long bytes = text != nullptr ? std::strtol(text, nullptr, 10) : static_cast<long>(kLargeTensorBytes);
  return bytes > 0 && mallopt(M_MMAP_THRESHOLD, static_cast<int>(bytes)) == 1;
#else
  return false;
#endif
}();

void set_error(const std::string& message) { last_error = message; }

// Arenas in use: the <heap nr="..."> entries of malloc_info (glibc has no direct count).
static int64_t count_arenas() {
#if defined(__GLIBC__)
  char* text = nullptr;
  size_t length = 0;
  FILE* stream = open_memstream(&text, &length);
  if (stream == nullptr) return 0;
  const int status = malloc_info(0, stream);
  std::fclose(stream);
  int64_t arenas = 0;
  if (status == 0 && text != nullptr) {
    for (const char* at = std::strstr(text, "<heap nr="); at != nullptr; at = std::strstr(at + 1, "<heap nr=")) ++arenas;
  }
  std::free(text);
  return arenas;
#else
  return 0;
#endif
}

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

int vp_heap_stats(int64_t* arena_in_use, int64_t* arena_free, int64_t* mmapped, int64_t* arenas) {
  VP_GUARD({
    *arenas = vp::count_arenas();
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
    const struct mallinfo2 info = mallinfo2();
    *arena_in_use = static_cast<int64_t>(info.uordblks);
    *arena_free = static_cast<int64_t>(info.fordblks);
    *mmapped = static_cast<int64_t>(info.hblkhd);
#else
    *arena_in_use = *arena_free = *mmapped = 0;
#endif
  })
}

void vp_free(vp_tensor t) { delete reinterpret_cast<at::Tensor*>(t); }

}  // extern "C"
