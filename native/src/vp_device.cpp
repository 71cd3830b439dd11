// CUDA device and stream-pool entry points. Without a CUDA libtorch they report "no CUDA".
#include "internal.h"
#ifdef VP_WITH_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#include <c10/cuda/CUDAStream.h>
#include <ATen/cuda/CUDAContext.h>
#endif

namespace {
[[noreturn]] void no_cuda() { throw std::runtime_error("this libtorch was built without CUDA"); }
}  // namespace

extern "C" {

int vp_cuda_available(void) { return torch::cuda::is_available() ? 1 : 0; }
int vp_cuda_device_count(void) { return static_cast<int>(torch::cuda::device_count()); }

int vp_cuda_synchronize(int dev_index) {
  VP_GUARD({
#ifdef VP_WITH_CUDA
    c10::cuda::getCurrentCUDAStream(static_cast<c10::DeviceIndex>(dev_index)).synchronize();
#else
    no_cuda();
#endif
  })
}

int vp_cuda_stream_from_pool(int dev_index, int high_priority, int64_t* stream_id) {
  VP_GUARD({
#ifdef VP_WITH_CUDA
    auto s = c10::cuda::getStreamFromPool(high_priority != 0, static_cast<c10::DeviceIndex>(dev_index));
    *stream_id = s.id();
#else
    no_cuda();
#endif
  })
}

int vp_cuda_set_stream(int dev_index, int64_t stream_id) {
  VP_GUARD({
#ifdef VP_WITH_CUDA
    auto s = c10::Stream::unpack3(stream_id, static_cast<c10::DeviceIndex>(dev_index), c10::DeviceType::CUDA);
    c10::cuda::setCurrentCUDAStream(c10::cuda::CUDAStream(s));
#else
    no_cuda();
#endif
  })
}

int vp_cuda_current_stream(int dev_index, int64_t* stream_id) {
  VP_GUARD({
#ifdef VP_WITH_CUDA
    *stream_id = c10::cuda::getCurrentCUDAStream(static_cast<c10::DeviceIndex>(dev_index)).id();
#else
    no_cuda();
#endif
  })
}

int vp_cuda_memory_allocated(int dev_index, int64_t* out) {
  VP_GUARD({
#ifdef VP_WITH_CUDA
    auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(dev_index);
    *out = stats.allocated_bytes[static_cast<size_t>(c10::cuda::CUDACachingAllocator::StatType::AGGREGATE)].current;
#else
    no_cuda();
#endif
  })
}

}  // extern "C"
