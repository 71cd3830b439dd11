// libtorch's operator profiler (the legacy autograd profiler): every ATen op between begin and end on the calling
// thread, written as a Chrome trace (chrome://tracing, Perfetto) when profiling ends. For finding slow kernels.
#include <torch/csrc/autograd/profiler_legacy.h>

#include <memory>

#include "internal.h"

namespace {
thread_local std::unique_ptr<torch::autograd::profiler::RecordProfile> active_profile;
}

extern "C" {

int vp_profile_begin(const char* trace_path) {
  VP_GUARD({
    if (active_profile) throw std::invalid_argument("a profile is already recording on this thread");
    active_profile = std::make_unique<torch::autograd::profiler::RecordProfile>(std::string(trace_path));
  })
}

int vp_profile_end(void) {
  VP_GUARD({
    if (!active_profile) throw std::invalid_argument("no profile is recording on this thread");
    active_profile.reset();  // writes the trace
  })
}

}  // extern "C"
