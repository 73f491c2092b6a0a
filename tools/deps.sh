#!/bin/sh
# Installs the Debian packages Lyra needs to build and test, only those missing.
# Called by every Makefile target before CMake runs. Safe to run repeatedly.
set -e
PKGS="cmake make gcc pkg-config libgmp-dev libck-dev libhwloc-dev hwloc \
liblua5.4-dev lua5.4 libpcre2-dev libjansson-dev zlib1g-dev libedit-dev tmux python3 \
libopenmpi-dev openmpi-bin"
[ -n "$LY_EXTRA_PKGS" ] && PKGS="$PKGS $LY_EXTRA_PKGS"
missing=""
for p in $PKGS; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "deps: need root (or sudo) to install:$missing" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y -q --no-install-recommends $missing; then
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends $missing
fi
