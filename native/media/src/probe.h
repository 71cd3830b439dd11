// What videopipe-probe answers: ffprobe's description of an input, or its video packets' timestamps.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vpm {

struct Answer {
  bool ok = false;
  std::string json;                  // describe: ffprobe-shaped JSON
  std::string errors;                // libav's error-level lines, then "<input>: <reason>" on failure
  std::vector<int64_t> timestamps;   // scan: one per packet, INT64_MIN for a packet without pts
};

// `ffprobe -print_format json -show_streams -show_format` of `url`, or of the bytes at `data` when url is null.
Answer describe(const char* url, const uint8_t* data, size_t size);

// `ffprobe -select_streams v:0 -show_entries packet=pts`: reads to the end or to the first read error.
Answer scan_packets(const char* url);

}  // namespace vpm
