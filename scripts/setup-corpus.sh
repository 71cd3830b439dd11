#!/usr/bin/env bash
# Idempotent: installs what scripts/make-corpus.sh needs on Debian 12 (ffmpeg, Debian's python3 with numpy and
# scikit-image, whose package data holds the photographs the corpus animates).
set -euo pipefail

need=()
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
for package in python3 python3-numpy python3-skimage; do
  dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
[ ${#need[@]} -eq 0 ] || "$(dirname "$0")/apt-install.sh" setup-corpus "${need[@]}"
