#!/usr/bin/env bash
# Renders an HTML file in headless Chromium and prints the DOM after load (what the fleet report test checks).
#   tests/scripts/fleet/render-report.sh REPORT.html          -> DOM on stdout
#   tests/scripts/fleet/render-report.sh --install-only       -> installs Chromium if missing, prints its path
# Chromium comes from Debian (`apt-get install -y chromium`); the script installs it when missing. Exit 77 with a
# "SKIP: reason" line on stderr when it is missing and cannot be installed (not root, no apt-get, no network).
set -euo pipefail

find_chromium() {
  for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then command -v "$c"; return 0; fi
  done
  return 1
}

install_chromium() {
  if [ "$(id -u)" != "0" ]; then echo "SKIP: chromium is not installed and installing it needs root (apt-get install -y chromium)" >&2; exit 77; fi
  if ! command -v apt-get >/dev/null 2>&1; then echo "SKIP: chromium is not installed and there is no apt-get to install it" >&2; exit 77; fi
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq chromium; } >&2; then
    echo "SKIP: apt-get install -y chromium failed (no network or no Debian mirror?)" >&2
    exit 77
  fi
}

bin=$(find_chromium || true)
if [ -z "$bin" ]; then
  # Parallel test runs may race to install; one lock serialises apt-get.
  exec 9>/tmp/hotplug-chromium-install.lock
  flock 9
  bin=$(find_chromium || true)
  if [ -z "$bin" ]; then install_chromium; bin=$(find_chromium) || { echo "SKIP: chromium still missing after install" >&2; exit 77; }; fi
fi

if [ "${1:-}" = "--install-only" ]; then echo "$bin"; exit 0; fi
report=$(realpath "$1")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$bin" --headless --no-sandbox --disable-gpu --user-data-dir="$profile" --virtual-time-budget=2000 --dump-dom "file://$report" 2>/dev/null
