// The packet timestamps of the first video stream, for inputs whose header states no frame count.
#include "input.h"
#include "probe.h"

namespace vpm {

Answer scan_packets(const char* url) {
  Answer answer;
  ErrorCapture capture;
  Input input;
  answer.ok = input.open(url, nullptr, 0, capture);
  if (answer.ok) {
    AVFormatContext* context = input.context();
    int video = -1;
    for (unsigned i = 0; i < context->nb_streams && video < 0; ++i)
      if (context->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO) video = static_cast<int>(i);

    AVPacket* packet = av_packet_alloc();
    // As ffprobe does: read until the end or the first error; what was read before an error still counts.
    while (packet != nullptr && av_read_frame(context, packet) >= 0) {
      if (packet->stream_index == video) answer.timestamps.push_back(packet->pts);
      av_packet_unref(packet);
    }
    av_packet_free(&packet);
  }
  answer.errors = capture.text();
  return answer;
}

}  // namespace vpm
