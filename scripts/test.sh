#!/usr/bin/env bash
# The test command: setup (idempotent), then every xunit project in the solution.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
dotnet test VideoPipe.sln -c Release --no-build -nologo -v minimal "$@"
