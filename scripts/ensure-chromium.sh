#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser playground test
# (examples/playground/browser-test.mjs). Idempotent and quiet: does nothing when it is there.
# It never downloads a browser of its own (playwright-core is used with this system binary).
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available; install Chromium so that $CHROMIUM exists" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "ensure-chromium: $CHROMIUM is missing; run as root (or with sudo) to install Debian's chromium package" >&2
    exit 1
  fi
fi

echo "ensure-chromium: installing Debian's chromium package..." >&2
# apt's chatter goes to a log that is shown only when the install fails.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { $SUDO apt-get update -qq &&
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "ensure-chromium: apt-get failed (output above)" >&2
  exit 1
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: the chromium package installed, but $CHROMIUM is still missing" >&2
  exit 1
fi
