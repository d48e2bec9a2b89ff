#!/usr/bin/env bash
# The memory soak of `make test` (tests/soak/soak.py): a real `facesearch
# serve` on a fresh data folder, one inference worker behind a queue of two so
# that eight clients also meet 429s, then rounds of multi-MB requests over
# every body-reading route; fails when resident memory after the warm-up grows
# past the bound.
#
#   tests/soak/run.sh [BINARY] [soak.py options]   (default: $FACESEARCH_BIN, else .build/debug/facesearch)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/serve-lib.sh

BIN=${1:-${FACESEARCH_BIN:-.build/debug/facesearch}}
shift || true
work=$(mktemp -d)
trap 'serve_stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
photos=${FACESEARCH_CACHE:-$HOME/.cache/facesearch}/test-images

serve_start "$BIN" "$work/data" "$work/serve.log" --workers 1 --queue-capacity 2 --search-cache-mib 0
echo "soak: facesearch serve (pid $SERVE_PID) on port $SERVE_PORT"
python3 tests/soak/soak.py "http://127.0.0.1:$SERVE_PORT" "$SERVE_KEY" "$SERVE_PID" "$photos/obama.jpg" "$@" || {
    tail -n 20 "$work/serve.log" >&2
    exit 1
}
serve_stop
