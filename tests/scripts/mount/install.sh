#!/usr/bin/env bash
# Installs what the real-client tests need (tests/HotplugCluster.Mount.Tests, tests/HotplugCluster.Cli.Tests/Exec):
# FUSE (fuse3, libfuse3-3), Debian's daxctl, and linux-source-6.1 (mem-on-off-test.sh is taken from its tarball at test
# time). Safe to run again. Exits 0 without installing when everything is there; needs root and apt-get otherwise.
set -euo pipefail

need=()
[ -e /usr/lib/x86_64-linux-gnu/libfuse3.so.3 ] || [ -e /lib/x86_64-linux-gnu/libfuse3.so.3 ] || need+=(fuse3 libfuse3-3)
command -v daxctl >/dev/null || need+=(daxctl)
[ -f /usr/src/linux-source-6.1.tar.xz ] || need+=(linux-source-6.1)
if [ "${#need[@]}" -eq 0 ]; then
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
