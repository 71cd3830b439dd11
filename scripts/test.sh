#!/usr/bin/env bash
# The test command: setup (idempotent), then every xunit project in the solution.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
dotnet test VideoPipe.sln -c Release --no-build -nologo -v minimal "$@"
# The corpus builder's tests (docs/corpus.md): Debian's python3 with numpy and scikit-image.
./scripts/setup-corpus.sh
(cd scripts/corpus && /usr/bin/python3 -m unittest -q test_corpus)
