#!/usr/bin/env bash
# apt-install.sh <who> <package>...: installs Debian packages (sudo when not root), announcing them as <who>.
set -euo pipefail
who="$1"
shift
echo "$who: installing $*"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "$@"
