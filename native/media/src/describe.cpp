// ffprobe's `-show_streams -show_format` JSON, limited to the fields VideoPipe reads and written the way ffprobe 5.1
// writes them (times as "%f" seconds strings, rationals as "n/d"; optional fields whose value is unknown or N/A left
// out, as its JSON writer leaves them out), so one parser reads both.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>
}
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "input.h"
#include "probe.h"

namespace {

// A compact JSON writer: objects and arrays nest; each remembers whether it has a member yet.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}
  void begin_object(const char* key = nullptr) { open(key, '{'); }
  void end_object() { close('}'); }
  void begin_array(const char* key) { open(key, '['); }
  void end_array() { close(']'); }
  void text(const char* key, const std::string& value) {
    name(key);
    quote(value);
  }
  void integer(const char* key, int64_t value) {
    name(key);
    out_ += std::to_string(value);
  }
  void rational(const char* key, AVRational value, char separator) {
    text(key, std::to_string(value.num) + separator + std::to_string(value.den));
  }
  // ffprobe's print_time: "N/A" (left out here) for no timestamp, else seconds with six decimals.
  void seconds(const char* key, int64_t ts, AVRational time_base) {
    if (ts == AV_NOPTS_VALUE) return;
    char value[64];
    std::snprintf(value, sizeof value, "%f", ts * av_q2d(time_base));
    text(key, value);
  }

 private:
  void open(const char* key, char bracket) {
    if (key != nullptr) name(key);
    else separate();
    out_ += bracket;
    has_member_.push_back(false);
  }
  void close(char bracket) {
    out_ += bracket;
    has_member_.pop_back();
  }
  void separate() {
    if (has_member_.empty()) return;
    if (has_member_.back()) out_ += ',';
    has_member_.back() = true;
  }
  void name(const char* key) {
    separate();
    quote(key);
    out_ += ':';
  }
  void quote(const std::string& value) {
    out_ += '"';
    for (unsigned char c : value) {
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        default:
          if (c < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out_ += escaped;
          } else {
            out_ += static_cast<char>(c);
          }
      }
    }
    out_ += '"';
  }

  std::string& out_;
  std::vector<bool> has_member_;
};

// ffprobe's writer_print_integers(…, 9, " %11d", 3 columns, 4 bytes, offset step 1).
std::string display_matrix_text(const int32_t* matrix) {
  std::string text = "\n";
  for (int row = 0; row < 3; ++row) {
    char cell[32];
    std::snprintf(cell, sizeof cell, "%08x: ", row);
    text += cell;
    for (int column = 0; column < 3; ++column) {
      std::snprintf(cell, sizeof cell, " %11d", matrix[row * 3 + column]);
      text += cell;
    }
    text += '\n';
  }
  return text;
}

const int32_t* display_matrix(const AVStream* stream, size_t* size) {
#if LIBAVFORMAT_VERSION_MAJOR >= 61
  const AVPacketSideData* entry = av_packet_side_data_get(stream->codecpar->coded_side_data,
                                                          stream->codecpar->nb_coded_side_data,
                                                          AV_PKT_DATA_DISPLAYMATRIX);
  if (entry == nullptr) return nullptr;
  *size = entry->size;
  return reinterpret_cast<const int32_t*>(entry->data);
#else
  for (int i = 0; i < stream->nb_side_data; ++i) {
    if (stream->side_data[i].type == AV_PKT_DATA_DISPLAYMATRIX) {
      *size = stream->side_data[i].size;
      return reinterpret_cast<const int32_t*>(stream->side_data[i].data);
    }
  }
  return nullptr;
#endif
}

void write_profile(JsonWriter& json, const AVCodecParameters* codec) {
  const char* name = avcodec_find_decoder(codec->codec_id) != nullptr
                         ? avcodec_profile_name(codec->codec_id, codec->profile)
                         : nullptr;
  if (name != nullptr) json.text("profile", name);
  else if (codec->profile != FF_PROFILE_UNKNOWN) json.text("profile", std::to_string(codec->profile));
}

void write_colour(JsonWriter& json, const AVCodecParameters* codec) {
  if (const char* range = av_color_range_name(codec->color_range); range && codec->color_range != AVCOL_RANGE_UNSPECIFIED)
    json.text("color_range", range);
  if (const char* space = av_color_space_name(codec->color_space); space && codec->color_space != AVCOL_SPC_UNSPECIFIED)
    json.text("color_space", space);
  if (const char* transfer = av_color_transfer_name(codec->color_trc); transfer && codec->color_trc != AVCOL_TRC_UNSPECIFIED)
    json.text("color_transfer", transfer);
  if (const char* primaries = av_color_primaries_name(codec->color_primaries);
      primaries && codec->color_primaries != AVCOL_PRI_UNSPECIFIED)
    json.text("color_primaries", primaries);
}

void write_stream(JsonWriter& json, AVFormatContext* context, AVStream* stream) {
  const AVCodecParameters* codec = stream->codecpar;
  json.begin_object();
  json.integer("index", stream->index);
  const AVCodecDescriptor* descriptor = avcodec_descriptor_get(codec->codec_id);
  json.text("codec_name", descriptor != nullptr ? descriptor->name : "unknown");
  write_profile(json, codec);
  if (const char* type = av_get_media_type_string(codec->codec_type)) json.text("codec_type", type);
  if (codec->codec_type == AVMEDIA_TYPE_VIDEO) {
    json.integer("width", codec->width);
    json.integer("height", codec->height);
    const AVRational sar = av_guess_sample_aspect_ratio(context, stream, nullptr);
    if (sar.num != 0) json.rational("sample_aspect_ratio", sar, ':');
    const char* pixel_format = av_get_pix_fmt_name(static_cast<AVPixelFormat>(codec->format));
    if (pixel_format != nullptr) json.text("pix_fmt", pixel_format);
    write_colour(json, codec);
  }
  json.rational("r_frame_rate", stream->r_frame_rate, '/');
  json.rational("avg_frame_rate", stream->avg_frame_rate, '/');
  json.rational("time_base", stream->time_base, '/');
  json.seconds("start_time", stream->start_time, stream->time_base);
  json.seconds("duration", stream->duration, stream->time_base);
  if (stream->nb_frames != 0) json.text("nb_frames", std::to_string(stream->nb_frames));

  json.begin_object("disposition");
  json.integer("attached_pic", (stream->disposition & AV_DISPOSITION_ATTACHED_PIC) ? 1 : 0);
  json.end_object();

  if (av_dict_count(stream->metadata) > 0) {
    json.begin_object("tags");
    const AVDictionaryEntry* tag = nullptr;
    while ((tag = av_dict_get(stream->metadata, "", tag, AV_DICT_IGNORE_SUFFIX)) != nullptr) json.text(tag->key, tag->value);
    json.end_object();
  }

  size_t matrix_size = 0;
  const int32_t* matrix = display_matrix(stream, &matrix_size);
  if (matrix != nullptr && matrix_size >= 9 * sizeof(int32_t)) {
    json.begin_array("side_data_list");
    json.begin_object();
    json.text("side_data_type", "Display Matrix");
    json.text("displaymatrix", display_matrix_text(matrix));
    const double rotation = av_display_rotation_get(matrix);
    json.integer("rotation", std::isnan(rotation) ? 0 : static_cast<int64_t>(rotation));
    json.end_object();
    json.end_array();
  }
  json.end_object();
}

std::string describe_input(AVFormatContext* context) {
  std::string out;
  JsonWriter json(out);
  json.begin_object();
  json.begin_array("streams");
  for (unsigned i = 0; i < context->nb_streams; ++i) write_stream(json, context, context->streams[i]);
  json.end_array();
  json.begin_object("format");
  json.text("format_name", context->iformat->name);
  json.seconds("start_time", context->start_time, AV_TIME_BASE_Q);
  json.seconds("duration", context->duration, AV_TIME_BASE_Q);
  json.end_object();
  json.end_object();
  return out;
}

}  // namespace

namespace vpm {

Answer describe(const char* url, const uint8_t* data, size_t size) {
  Answer answer;
  ErrorCapture capture;
  Input input;
  answer.ok = input.open(url, data, size, capture);
  if (answer.ok) answer.json = describe_input(input.context());
  answer.errors = capture.text();
  return answer;
}

}  // namespace vpm
