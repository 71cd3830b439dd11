// The packet timestamps of the first video stream, for inputs whose header states no frame count.
#include <cstdlib>
#include <cstring>
#include <vector>

#include "vpm_input.h"

extern "C" VPM_API int vpm_scan_packets(const char* url, const volatile int32_t* cancel, int64_t** pts,
                                        int64_t* count, char** errors) {
  *pts = nullptr;
  *count = 0;
  *errors = nullptr;
  vpm::ErrorCapture capture;
  vpm::Input input;
  int result = input.open(url, nullptr, 0, cancel, capture);
  if (result == VPM_OK) {
    AVFormatContext* context = input.context();
    int video = -1;
    for (unsigned i = 0; i < context->nb_streams && video < 0; ++i)
      if (context->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO) video = static_cast<int>(i);

    std::vector<int64_t> timestamps;
    AVPacket* packet = av_packet_alloc();
    // As ffprobe does: read until the end or the first error; what was read before an error still counts.
    while (packet != nullptr && av_read_frame(context, packet) >= 0) {
      if (packet->stream_index == video) timestamps.push_back(packet->pts);
      av_packet_unref(packet);
    }
    av_packet_free(&packet);
    if (input.cancelled()) {
      result = VPM_CANCELLED;
    } else if (!timestamps.empty()) {
      *pts = static_cast<int64_t*>(std::malloc(timestamps.size() * sizeof(int64_t)));
      if (*pts == nullptr) {
        capture.add("out of memory");
        result = VPM_FAILED;
      } else {
        std::memcpy(*pts, timestamps.data(), timestamps.size() * sizeof(int64_t));
        *count = static_cast<int64_t>(timestamps.size());
      }
    }
  }
  if (!capture.text().empty()) *errors = vpm::duplicate(capture.text());
  return result;
}
