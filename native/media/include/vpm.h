// C ABI of libvideopipe_media: what VideoPipe.Media asks libavformat in process.
// Every call returns VPM_OK, VPM_FAILED (then *errors holds the messages libav logged at error level, one per line,
// ending with "<input>: <reason>") or VPM_CANCELLED (*cancel became nonzero). Strings and arrays returned here are
// freed with vpm_free.
#pragma once
#include <stddef.h>
#include <stdint.h>

#define VPM_API __attribute__((visibility("default")))

#ifdef __cplusplus
extern "C" {
#endif

enum { VPM_OK = 0, VPM_FAILED = 1, VPM_CANCELLED = 2 };

// Describes an input as `ffprobe -print_format json -show_streams -show_format` does, with the fields VideoPipe
// reads, in the same JSON shape. The input is `url` (e.g. "file:/abs/path") or, when url is NULL, the `size` bytes
// at `data` (the head of a stream; not seekable).
VPM_API int vpm_probe(const char* url, const uint8_t* data, size_t size, const volatile int32_t* cancel, char** json,
                      char** errors);

// The pts of every packet of the first video stream, in file order (`ffprobe -select_streams v:0 -show_entries
// packet=pts`); INT64_MIN stands for a packet without one. Reading stops at the end or at the first read error.
VPM_API int vpm_scan_packets(const char* url, const volatile int32_t* cancel, int64_t** pts, int64_t* count,
                             char** errors);

VPM_API void vpm_free(void* p);

#ifdef __cplusplus
}
#endif
