// A caching CPU allocator for large tensors, registered as libtorch's CPU allocator when the shim loads.
//
// Inference allocates the same large activation sizes again and again (every tile, every layer). Served by
// malloc, each of those is a fresh mmap whose pages the kernel faults in and zeroes on first touch: about a
// sixth of an IV-VAE decode was spent there (docs/benchmarks.md). Kept in the arenas instead (glibc's dynamic
// mmap threshold), they fragment them and a long streaming run's resident set grows. This cache keeps freed
// blocks of 128 KiB and more (each its own mmap) and hands them out again for requests of up to that size and at
// least 4/5 of it. It never maps more than the peak of live bytes so far: on a miss, cached blocks are unmapped
// (oldest first) until the new block fits under that peak, so peak memory stays what it would be without a cache.
// VIDEOPIPE_CPU_BLOCK_CACHE_MB caps the cached bytes (default 4096); 0 turns the cache off (plain malloc).
#include <c10/core/CPUAllocator.h>
#include <sys/mman.h>

#include <cstdlib>
#include <map>
#include <mutex>
#include <unordered_map>

#include "internal.h"

namespace {

constexpr size_t kGranule = 64 << 10;
constexpr size_t kHugePage = 2 << 20;

struct Block {
  void* ptr;
  size_t size;
  uint64_t freed_at;
};

struct Counters {
  size_t live = 0, cached = 0, peak_live = 0;
  int64_t hits = 0, misses = 0;
};

class BlockCache final : public c10::Allocator {
 public:
  BlockCache(c10::Allocator* small, size_t cap) : small_(small), cap_(cap) {}

  // The context is the data pointer itself, as libtorch's raw_allocate (used by oneDNN/ideep) requires.
  c10::DataPtr allocate(size_t nbytes) const override {
    if (nbytes < vp::kLargeTensorBytes) return small_->allocate(nbytes);
    void* ptr = take((nbytes + kGranule - 1) / kGranule * kGranule);
    return {ptr, ptr, &BlockCache::release, c10::Device(c10::DeviceType::CPU)};
  }

  c10::DeleterFnPtr raw_deleter() const override { return &BlockCache::release; }

  Counters counters() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return counters_;
  }

  void release_cached() const {
    std::lock_guard<std::mutex> lock(mutex_);
    while (!free_.empty()) evict_oldest();
  }

  static BlockCache* instance;

 private:
  void* take(size_t size) const {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = free_.lower_bound(size);
      if (it != free_.end() && it->first <= size + size / 4) {
        Block* block = it->second;
        free_.erase(it);
        counters_.cached -= block->size;
        counters_.live += block->size;
        ++counters_.hits;
        live_.emplace(block->ptr, block);
        return block->ptr;
      }
      ++counters_.misses;
      while (!free_.empty() && counters_.live + counters_.cached + size > counters_.peak_live) evict_oldest();
      counters_.live += size;
      counters_.peak_live = std::max(counters_.peak_live, counters_.live);
    }
    void* ptr = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (ptr == MAP_FAILED) {
      std::lock_guard<std::mutex> lock(mutex_);
      counters_.live -= size;
      TORCH_CHECK(false, "out of memory: could not map ", size, " bytes for a tensor");
    }
    if (size >= kHugePage) madvise(ptr, size, MADV_HUGEPAGE);
    std::lock_guard<std::mutex> lock(mutex_);
    live_.emplace(ptr, new Block{ptr, size, 0});
    return ptr;
  }

  // Deleter of the large blocks, and raw deleter of everything (raw_allocate hands out small blocks too): a live
  // block goes back to the cache, anything else came from the small-size allocator.
  static void release(void* ptr) {
    std::unique_lock<std::mutex> lock(instance->mutex_);
    auto found = instance->live_.find(ptr);
    if (found == instance->live_.end()) {
      lock.unlock();
      instance->small_->raw_deleter()(ptr);
      return;
    }
    Block* block = found->second;
    instance->live_.erase(found);
    auto& c = instance->counters_;
    c.live -= block->size;
    block->freed_at = ++instance->clock_;
    instance->free_.emplace(block->size, block);
    c.cached += block->size;
    while (c.cached > instance->cap_) instance->evict_oldest();
  }

  // caller holds mutex_
  void evict_oldest() const {
    auto oldest = free_.begin();
    for (auto it = free_.begin(); it != free_.end(); ++it) {
      if (it->second->freed_at < oldest->second->freed_at) oldest = it;
    }
    Block* block = oldest->second;
    free_.erase(oldest);
    counters_.cached -= block->size;
    munmap(block->ptr, block->size);
    delete block;
  }

  c10::Allocator* small_;
  const size_t cap_;
  mutable std::mutex mutex_;
  mutable std::multimap<size_t, Block*> free_;
  mutable std::unordered_map<void*, Block*> live_;
  mutable Counters counters_;
  mutable uint64_t clock_ = 0;
};

BlockCache* BlockCache::instance = nullptr;

[[maybe_unused]] const bool installed = [] {
  const char* text = std::getenv("VIDEOPIPE_CPU_BLOCK_CACHE_MB");
  const long megabytes = text != nullptr ? std::strtol(text, nullptr, 10) : 4096;
  if (megabytes <= 0) return false;
  // never destroyed: tensors may be freed during process exit, after static destructors ran
  BlockCache::instance = new BlockCache(c10::GetDefaultCPUAllocator(), static_cast<size_t>(megabytes) << 20);
  c10::SetCPUAllocator(BlockCache::instance, /*priority=*/1);
  return true;
}();

}  // namespace

extern "C" {

int vp_block_cache_stats(int64_t* live, int64_t* cached, int64_t* peak_live, int64_t* hits, int64_t* misses) {
  VP_GUARD({
    const Counters c = BlockCache::instance != nullptr ? BlockCache::instance->counters() : Counters{};
    *live = static_cast<int64_t>(c.live);
    *cached = static_cast<int64_t>(c.cached);
    *peak_live = static_cast<int64_t>(c.peak_live);
    *hits = c.hits;
    *misses = c.misses;
  })
}

int vp_block_cache_release(void) {
  VP_GUARD({
    if (BlockCache::instance != nullptr) BlockCache::instance->release_cached();
  })
}

}  // extern "C"
