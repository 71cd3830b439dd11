#include "input.h"

#include <cstring>
#include <mutex>

namespace vpm {
namespace {

thread_local ErrorCapture* current_capture = nullptr;
thread_local int print_prefix = 1;

// libav's log callback is process-wide; messages outside a capture are dropped.
void log_to_capture(void* avcl, int level, const char* format, va_list args) {
  if (level > AV_LOG_ERROR || current_capture == nullptr) return;
  char line[1024];
  av_log_format_line2(avcl, level, format, args, line, sizeof line, &print_prefix);
  std::string text(line);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (!text.empty()) current_capture->add(text);
}

void install_log_callback() {
  static std::once_flag once;
  std::call_once(once, [] { av_log_set_callback(log_to_capture); });
}

}  // namespace

ErrorCapture::ErrorCapture() : outer_(current_capture) {
  install_log_callback();
  current_capture = this;
}

ErrorCapture::~ErrorCapture() { current_capture = outer_; }

void ErrorCapture::add(const std::string& line) {
  if (!text_.empty()) text_ += '\n';
  text_ += line;
}

Input::~Input() {
  if (context_ != nullptr) avformat_close_input(&context_);
  if (io_ != nullptr) {
    av_freep(&io_->buffer);
    avio_context_free(&io_);
  }
}

int Input::read_memory(void* opaque, uint8_t* buffer, int size) {
  auto* memory = static_cast<Memory*>(opaque);
  const size_t left = memory->size - memory->position;
  if (left == 0) return AVERROR_EOF;
  const size_t n = left < static_cast<size_t>(size) ? left : static_cast<size_t>(size);
  std::memcpy(buffer, memory->data + memory->position, n);
  memory->position += n;
  return static_cast<int>(n);
}

bool Input::open(const char* url, const uint8_t* data, size_t size, ErrorCapture& errors) {
  context_ = avformat_alloc_context();
  if (context_ == nullptr) {
    errors.add("out of memory");
    return false;
  }
  const std::string name = url != nullptr ? url : "pipe:0";
  if (url == nullptr) {
    constexpr int buffer_size = 1 << 16;
    auto* buffer = static_cast<uint8_t*>(av_malloc(buffer_size));
    memory_ = Memory{data, size, 0};
    io_ = buffer != nullptr ? avio_alloc_context(buffer, buffer_size, 0, &memory_, read_memory, nullptr, nullptr)
                            : nullptr;
    if (io_ == nullptr) {
      av_free(buffer);
      errors.add("out of memory");
      return false;
    }
    io_->seekable = 0;
    context_->pb = io_;
  }

  AVDictionary* options = nullptr;
  av_dict_set(&options, "scan_all_pmts", "1", AV_DICT_DONT_OVERWRITE);
  int result = avformat_open_input(&context_, url != nullptr ? url : "", nullptr, &options);
  av_dict_free(&options);
  if (result >= 0) result = avformat_find_stream_info(context_, nullptr);
  if (result < 0) {
    char reason[AV_ERROR_MAX_STRING_SIZE] = {0};
    av_strerror(result, reason, sizeof reason);
    errors.add(name + ": " + reason);
    return false;
  }
  return true;
}

}  // namespace vpm
