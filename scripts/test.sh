#!/usr/bin/env bash
# Set up a fresh machine for the tests and run every one of them:
# Debian's Chromium for the browser tests (when missing and we are root), a venv, the test extra, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "scripts/test.sh: the browser tests need Debian's chromium: sudo apt-get install chromium" >&2
    exit 1
  fi
fi
python3 -m venv .venv
.venv/bin/pip install -q -e '.[test]'
exec .venv/bin/pytest -q "$@"
