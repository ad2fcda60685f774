#!/usr/bin/env bash
# Set up a fresh machine for the tests and run every one of them:
# Debian's Chromium and Java (when missing and we are root), a venv, the test extra, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian packages the tests need: Chromium for the browser tests, Java for the W3C Nu HTML checker.
missing=()
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if ! command -v java >/dev/null 2>&1; then missing+=(default-jre-headless); fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "scripts/test.sh: the tests need Debian packages: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
python3 -m venv .venv
.venv/bin/pip install -q -e '.[test]'
exec .venv/bin/pytest -q "$@"
