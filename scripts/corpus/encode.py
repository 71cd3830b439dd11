"""Writes clips as H.264/yuv420p mp4 through ffmpeg, each to a temporary name, fsynced, then renamed."""

import os
import subprocess

OUTPUT_ARGS = ["-c:v", "libx264", "-preset", "medium", "-pix_fmt", "yuv420p", "-threads", "1",
               "-colorspace", "smpte170m", "-color_primaries", "smpte170m", "-color_trc", "smpte170m", "-color_range", "tv",
               "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1", "-movflags", "+faststart", "-f", "mp4"]


def _run(args, path, stdin_bytes=None):
    temp = path + ".partial"
    try:
        result = subprocess.run(["ffmpeg", "-hide_banner", *([] if stdin_bytes is not None else ["-nostdin"]),
                                 "-loglevel", "error", "-y", *args, temp],
                                input=stdin_bytes, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"ffmpeg failed writing {path}: {result.stderr.decode(errors='replace').strip()}")
        fsync_file(temp)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.remove(temp)


def fsync_file(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_frames(frames, fps, crf, path):
    """Encodes uint8 [T, H, W, 3] RGB frames."""
    t, h, w, _ = frames.shape
    args = ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}", "-r", str(fps), "-i", "-", "-frames:v", str(t),
            "-crf", str(crf), *OUTPUT_ARGS]
    _run(args, path, frames.tobytes())


def write_lavfi(graph, frames, crf, path):
    """Encodes the first frames of a lavfi graph."""
    _run(["-f", "lavfi", "-i", graph, "-frames:v", str(frames), "-crf", str(crf), *OUTPUT_ARGS], path)


def write_text(path, text):
    """Writes a text file whole or not at all (temporary name, fsync, rename)."""
    temp = path + ".partial"
    with open(temp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, path)


def ffmpeg_version():
    out = subprocess.run(["ffmpeg", "-hide_banner", "-version"], stdout=subprocess.PIPE, check=True).stdout.decode()
    return out.splitlines()[0]
