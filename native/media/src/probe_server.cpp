// videopipe-probe: answers probe requests on stdin with libavformat, one at a time, until stdin ends.
//
// Request:  u8 op ('D' describe the URL in the payload, 'H' describe the payload bytes (a stream's head),
//           'P' scan the packets of the URL in the payload), u32 payload length, payload.
// Response: u8 ok (1/0), u32 length + JSON, u32 length + error lines, u32 count + count little-endian i64 packet
//           timestamps (INT64_MIN: no pts).
// All integers are little-endian. Anything else on stdin is a protocol error: message on stderr, exit 2.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "probe.h"

namespace {

bool read_exact(void* buffer, size_t size) {
  auto* at = static_cast<uint8_t*>(buffer);
  while (size > 0) {
    const ssize_t n = read(STDIN_FILENO, at, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    at += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

void append(std::string& out, const void* data, size_t size) { out.append(static_cast<const char*>(data), size); }

void append_u32(std::string& out, uint32_t value) { append(out, &value, sizeof value); }

bool write_all(const std::string& bytes) {
  const char* at = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = write(STDOUT_FILENO, at, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    at += n;
    left -= static_cast<size_t>(n);
  }
  return true;
}

std::string encode(const vpm::Answer& answer) {
  std::string out;
  out += static_cast<char>(answer.ok ? 1 : 0);
  append_u32(out, static_cast<uint32_t>(answer.json.size()));
  out += answer.json;
  append_u32(out, static_cast<uint32_t>(answer.errors.size()));
  out += answer.errors;
  append_u32(out, static_cast<uint32_t>(answer.timestamps.size()));
  if (!answer.timestamps.empty()) append(out, answer.timestamps.data(), answer.timestamps.size() * sizeof(int64_t));
  return out;
}

}  // namespace

int main() {
  static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the protocol is little-endian");
  for (;;) {
    uint8_t op = 0;
    if (!read_exact(&op, 1)) return 0;  // stdin ended: VideoPipe is done (or gone)
    uint32_t size = 0;
    std::vector<uint8_t> payload;
    if (!read_exact(&size, sizeof size)) return 0;
    payload.resize(size);
    if (size > 0 && !read_exact(payload.data(), size)) return 0;

    vpm::Answer answer;
    const auto url = [&payload] { return std::string(payload.begin(), payload.end()); };
    switch (op) {
      case 'D': answer = vpm::describe(url().c_str(), nullptr, 0); break;
      case 'H': answer = vpm::describe(nullptr, payload.data(), payload.size()); break;
      case 'P': answer = vpm::scan_packets(url().c_str()); break;
      default:
        std::fprintf(stderr, "videopipe-probe: unknown request %d\n", op);
        return 2;
    }
    if (!write_all(encode(answer))) return 0;
  }
}
