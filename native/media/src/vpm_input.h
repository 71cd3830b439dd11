// Opening an input in process: a URL or bytes in memory, interruptible, with libav's error messages captured.
#pragma once
extern "C" {
#include <libavformat/avformat.h>
}
#include <cstdint>
#include <string>

#include "vpm.h"

namespace vpm {

// Collects what libav logs at error level on this thread while it lives (probing runs on the caller's thread:
// libavformat decodes with one thread while it finds stream parameters), so concurrent probes keep their own.
class ErrorCapture {
 public:
  ErrorCapture();
  ~ErrorCapture();
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;
  void add(const std::string& line);
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  ErrorCapture* outer_;
};

// An opened input whose stream parameters have been found (avformat_open_input + avformat_find_stream_info, with
// ffprobe's scan_all_pmts=1).
class Input {
 public:
  Input() = default;
  ~Input();
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;

  // VPM_OK, or VPM_FAILED with "<name>: <reason>" added to the capture, or VPM_CANCELLED.
  int open(const char* url, const uint8_t* data, size_t size, const volatile int32_t* cancel, ErrorCapture& errors);
  AVFormatContext* context() const { return context_; }
  bool cancelled() const;

 private:
  struct Memory {
    const uint8_t* data = nullptr;
    size_t size = 0;
    size_t position = 0;
  };
  AVFormatContext* context_ = nullptr;
  AVIOContext* io_ = nullptr;
  Memory memory_;
  const volatile int32_t* cancel_ = nullptr;

  static int read_memory(void* opaque, uint8_t* buffer, int size);
  static int interrupted(void* opaque);
};

// A copy of `text` that the caller frees with vpm_free.
char* duplicate(const std::string& text);

}  // namespace vpm
