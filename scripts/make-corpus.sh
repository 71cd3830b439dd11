#!/usr/bin/env bash
# Builds the training corpus (docs/corpus.md): photo clips animated from redistributable stills in Debian's
# python3-skimage data and procedural clips from ffmpeg lavfi sources, as H.264 mp4 in <out>/train and <out>/eval,
# with manifest.jsonl, LICENSES.md and corpus.json. Deterministic from --seed.
#   scripts/make-corpus.sh [--out corpus] [--seed 1] [--force] [--photo-train 160 ...]   (--help lists all)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/setup-corpus.sh"
# Debian's interpreter, where python3-numpy and python3-skimage are installed (not a pyenv/venv python3 on PATH).
exec nice /usr/bin/python3 "$here/corpus/make_corpus.py" "$@"
