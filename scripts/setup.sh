#!/usr/bin/env bash
# Idempotent setup for a fresh Debian 12 machine: installs what is missing (libtorch, cmake, g++, ffmpeg, a font),
# then builds the whole solution (which builds the native libtorch shim).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
dpkg -s libtorch-dev >/dev/null 2>&1 || need+=(libtorch-dev)
command -v cmake >/dev/null 2>&1 || need+=(cmake)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
# Chart text (src/Reports, ScottPlot through SkiaSharp) is drawn with a system font.
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)
# In-process probing (native/media) builds against libavformat.
for package in libavformat-dev libavcodec-dev libavutil-dev pkg-config; do
  dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
[ ${#need[@]} -eq 0 ] || ./scripts/apt-install.sh setup "${need[@]}"
command -v dotnet >/dev/null 2>&1 || { echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }

dotnet build VideoPipe.sln -c Release -nologo -v minimal
echo "setup: done. Run ./videopipe --help"
