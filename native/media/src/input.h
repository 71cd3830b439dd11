// Opening an input as ffprobe does, with libav's error messages captured.
#pragma once
extern "C" {
#include <libavformat/avformat.h>
}
#include <cstddef>
#include <cstdint>
#include <string>

namespace vpm {

// Collects what libav logs at error level while it lives (ffprobe -v error shows the same lines).
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

// An opened input whose stream parameters have been found (avformat_open_input with ffprobe's scan_all_pmts=1,
// then avformat_find_stream_info).
class Input {
 public:
  Input() = default;
  ~Input();
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;

  // Opens `url` (e.g. "file:/abs/path") or, when url is null, the `size` bytes at `data` (a stream's head, not
  // seekable, as a pipe). False with "<name>: <reason>" added to `errors` when libavformat refuses it.
  bool open(const char* url, const uint8_t* data, size_t size, ErrorCapture& errors);
  AVFormatContext* context() const { return context_; }

 private:
  struct Memory {
    const uint8_t* data = nullptr;
    size_t size = 0;
    size_t position = 0;
  };
  AVFormatContext* context_ = nullptr;
  AVIOContext* io_ = nullptr;
  Memory memory_;

  static int read_memory(void* opaque, uint8_t* buffer, int size);
};

}  // namespace vpm
