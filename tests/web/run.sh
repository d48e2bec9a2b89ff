#!/usr/bin/env bash
# Browser tests of the web page: real headless Chromium (Debian's chromium and
# chromium-driver) driven by selenium against a real `facesearch serve`.
#   tests/web/run.sh                     builds the debug binary, then runs tests/web/test_web.py
#   FACESEARCH_BIN=path tests/web/run.sh uses that binary instead
# Screenshots go to $FACESEARCH_WEB_SCREENSHOTS (default .build/web-screenshots); the test prints the folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
export FACESEARCH_CACHE="${FACESEARCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/facesearch}"

bash scripts/apt-install.sh chromium chromium-driver

venv="$FACESEARCH_CACHE/web-venv"
if ! "$venv/bin/python" -c 'import selenium, PIL; assert selenium.__version__ == "4.51.0"' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q 'selenium==4.51.0' 'pillow==13.0.0'
fi

if [ -z "${FACESEARCH_BIN:-}" ]; then
    swift build --product facesearch
    FACESEARCH_BIN="$(swift build --show-bin-path)/facesearch"
fi
export FACESEARCH_BIN
export FACESEARCH_WEB_SCREENSHOTS="${FACESEARCH_WEB_SCREENSHOTS:-$PWD/.build/web-screenshots}"
exec "$venv/bin/python" tests/web/test_web.py "$@"
